package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-series decision used by the Flink operator: scores each point with a {@link
 * SeriesAnomalyDetector} and turns scores into open/close transitions with hysteresis, so a series
 * that stays anomalous yields one opening and one closing, not one event per point. It opens on the
 * detector's output and closes on its combined score before the rest after a detection, so that the
 * silence after a detection does not close an anomaly that goes on.
 */
public final class SeriesWatch implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SeriesAnomalyDetector detector;
    private final double openAt;
    private final double closeBelow;
    // Epoch millis, Long.MIN_VALUE for none: plain fields keep the state cheap to snapshot.
    private long openSinceMs = Long.MIN_VALUE;
    private long lastSeenMs = Long.MIN_VALUE;

    /** Opens at a score of {@code openAt} or more, closes at a score below {@code closeBelow}. */
    public SeriesWatch(DetectorOptions options, double openAt, double closeBelow) {
        if (!(closeBelow > 0 && closeBelow <= openAt && openAt <= 1)) {
            throw new IllegalArgumentException(
                    "need 0 < closeBelow <= openAt <= 1, got " + closeBelow + " / " + openAt);
        }
        this.detector = new SeriesAnomalyDetector(options);
        this.openAt = openAt;
        this.closeBelow = closeBelow;
    }

    /** Scores {@code p}; returns the transition it causes, if any. */
    public Optional<Anomaly> observe(SeriesPoint p) {
        double score = detector.update(p.time().toEpochMilli(), p.value());
        lastSeenMs = p.time().toEpochMilli();
        if (!open() && score >= openAt) {
            openSinceMs = lastSeenMs;
            return Optional.of(anomaly(p, score, true));
        }
        if (open() && detector.lastCombined() < closeBelow) {
            Anomaly closed = anomaly(p, score, false);
            openSinceMs = Long.MIN_VALUE;
            return Optional.of(closed);
        }
        return Optional.empty();
    }

    /** True while an anomaly is open. */
    public boolean open() {
        return openSinceMs != Long.MIN_VALUE;
    }

    /** Time of the last point seen (null before the first). */
    public Instant lastSeen() {
        return lastSeenMs == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastSeenMs);
    }

    private Anomaly anomaly(SeriesPoint p, double score, boolean firing) {
        return new Anomaly(
                p.seriesKey(),
                p.kind(),
                p.environment(),
                p.service(),
                p.subject(),
                Instant.ofEpochMilli(openSinceMs),
                p.time(),
                p.value(),
                score,
                firing);
    }
}
