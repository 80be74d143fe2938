package dev.incidentintel.benchmarks.scenario;

import java.time.Instant;

/**
 * One row of {@code incident_alerts} as the evaluation needs it: the job linked alert {@code
 * fingerprint} to {@code incidentId} when it first saw it firing, at {@code linkedAt} (the start of
 * that occurrence).
 */
public record IncidentLink(String incidentId, String fingerprint, Instant linkedAt) {

    public IncidentLink {
        if (incidentId == null || incidentId.isBlank()) {
            throw new IllegalArgumentException("incidentId is required");
        }
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint is required");
        }
        if (linkedAt == null) {
            throw new IllegalArgumentException("linkedAt is required");
        }
    }
}
