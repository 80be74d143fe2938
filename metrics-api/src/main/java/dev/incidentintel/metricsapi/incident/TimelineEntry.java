package dev.incidentintel.metricsapi.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in an incident's history: a lifecycle event (ack, assign, escalate, ...) as recorded in
 * {@code lifecycle_events}, or a milestone of the incident itself ({@code impact-start}, {@code
 * detected}, {@code resolved}, ...; {@code source} is then {@code incident}).
 */
public record TimelineEntry(
        Instant at,
        String action,
        String actor,
        String team,
        String tier,
        String note,
        String source) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
    }
}
