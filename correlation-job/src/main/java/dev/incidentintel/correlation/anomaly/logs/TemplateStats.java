package dev.incidentintel.correlation.anomaly.logs;

import java.time.Instant;

/**
 * What is known about one template of one service: one row of ClickHouse {@code log_templates} (a
 * later row for the same template supersedes earlier ones).
 */
public record TemplateStats(
        String environment,
        String service,
        String templateId,
        String template,
        Instant firstSeen,
        Instant lastSeen,
        long count) {
    public TemplateStats {
        if (templateId == null || templateId.isBlank()) {
            throw new IllegalArgumentException("templateId must not be blank");
        }
        if (firstSeen == null || lastSeen == null || lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException(
                    "need firstSeen <= lastSeen, got " + firstSeen + " / " + lastSeen);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
    }
}
