package dev.incidentintel.triage.lucene;

import dev.incidentintel.triage.TriageException;
import java.time.Instant;

/**
 * Restricts a similar-incident search; null fields do not filter.
 *
 * @param service only incidents of this service
 * @param environment only incidents in this environment
 * @param from only incidents opened at or after this instant
 * @param to only incidents opened before this instant
 */
public record SearchFilters(String service, String environment, Instant from, Instant to) {
    /** No filtering. */
    public static final SearchFilters NONE = new SearchFilters(null, null, null, null);

    public SearchFilters {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new TriageException("from", "from must be before to: " + from + " >= " + to);
        }
    }
}
