package dev.incidentintel.triage.lucene;

import dev.incidentintel.triage.TriageException;
import dev.incidentintel.triage.features.TextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English analysis with Lucene: standard tokenizer, lower-casing, English stop words, possessive
 * removal and Porter stemming, so "Restarting", "restarted" and "restarts" are one feature.
 * Thread-safe: Lucene analyzers reuse one token stream per thread.
 */
public final class LuceneTokenizer implements TextTokenizer {
    private static final LuceneTokenizer ENGLISH = new LuceneTokenizer(new EnglishAnalyzer());
    private final Analyzer analyzer;

    public LuceneTokenizer(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The shared English instance. */
    public static LuceneTokenizer english() {
        return ENGLISH;
    }

    /** The analyzer itself, for the similar-incident index. */
    public Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public List<String> tokens(String text, int max) {
        List<String> out = new ArrayList<>(Math.min(max, 64));
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (out.size() < max && ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new TriageException("text", "cannot analyse text: " + e.getMessage(), e);
        }
        return out;
    }
}
