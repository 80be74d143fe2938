package dev.incidentintel.triage.lucene;

import java.time.Instant;

/**
 * One hit of a similar-incident search.
 *
 * @param id incident id
 * @param score BM25 score (higher is more similar; comparable only within one search)
 * @param title incident title
 * @param resolutionNotes what fixed it
 * @param service its service
 * @param environment its environment
 * @param category its category
 * @param openedAt when it opened
 */
public record SimilarIncident(
        String id,
        double score,
        String title,
        String resolutionNotes,
        String service,
        String environment,
        String category,
        Instant openedAt) {}
