package dev.incidentintel.correlation.anomaly.series;

import java.time.Instant;

/**
 * An anomaly of one series opening ({@code firing}) or closing, with the point that decided it.
 *
 * @param seriesKey {@link SeriesPoint#seriesKey()} of the series
 * @param kind kind of the series
 * @param environment environment of the service
 * @param service the service
 * @param subject template id or metric name, or empty
 * @param startedAt when the anomaly began (the first anomalous point)
 * @param time the point that decided this change
 * @param value the value at {@code time}
 * @param score the anomaly score at {@code time}, in [0, 1]
 * @param firing true when the anomaly opens, false when the series is back to normal
 */
public record Anomaly(
        String seriesKey,
        String kind,
        String environment,
        String service,
        String subject,
        Instant startedAt,
        Instant time,
        double value,
        double score,
        boolean firing) {
    public Anomaly {
        if (seriesKey == null || seriesKey.isBlank()) {
            throw new IllegalArgumentException("seriesKey must not be blank");
        }
        if (startedAt == null || time == null) {
            throw new IllegalArgumentException("startedAt and time must not be null");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }
}
