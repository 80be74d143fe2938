package dev.incidentintel.triage.features;

import java.util.List;

/**
 * Splits text into normalised terms (the Lucene adapter stems English). Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface TextTokenizer {
    /** At most {@code max} terms of {@code text}, in order. */
    List<String> tokens(String text, int max);
}
