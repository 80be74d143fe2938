package dev.incidentintel.benchmarks.scenario;

import java.time.Instant;

/**
 * One firing occurrence of an alert: Alertmanager keeps {@code startsAt} while the alert fires and
 * re-sends it unchanged in repeats, so (fingerprint, startsAt) names one occurrence; a flap (fire,
 * resolve, fire) gives the same fingerprint a second occurrence with a later start.
 */
public record Occurrence(String fingerprint, Instant startsAt) implements Comparable<Occurrence> {

    public Occurrence {
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint is required");
        }
        if (startsAt == null) {
            throw new IllegalArgumentException("startsAt is required");
        }
    }

    @Override
    public int compareTo(Occurrence o) {
        int c = startsAt.compareTo(o.startsAt);
        return c != 0 ? c : fingerprint.compareTo(o.fingerprint);
    }
}
