package dev.incidentintel.correlation.suspect;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of deploy-suspect scoring.
 *
 * @param lookback deploys up to this long before the impact start are candidates (also how long
 *     deploys are kept in the job's broadcast state)
 * @param grace deploys up to this long after the impact start still count (clocks and pipelines
 *     disagree by a little); at most {@link #MAX_GRACE}
 * @param halfLife the time score halves for every half-life between deploy and impact
 * @param maxSuspects how many suspects an incident carries, best first
 */
public record SuspectOptions(Duration lookback, Duration grace, Duration halfLife, int maxSuspects)
        implements Serializable {

    /**
     * The longest grace accepted. The API's DORA queries rely on it: an incident detected more than
     * a day before a window cannot name a deploy of that window (metrics-api, kpi_dora.sql).
     */
    public static final Duration MAX_GRACE = Duration.ofHours(1);

    public SuspectOptions {
        if (lookback == null || lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive, got " + lookback);
        }
        if (grace == null || grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException(
                    "grace must be between 0 and " + MAX_GRACE + ", got " + grace);
        }
        if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("halfLife must be positive, got " + halfLife);
        }
        if (maxSuspects < 1) {
            throw new IllegalArgumentException("maxSuspects must be >= 1, got " + maxSuspects);
        }
    }

    /** Two hours back, two minutes grace, 30 minute half-life, three suspects. */
    public static SuspectOptions defaults() {
        return new SuspectOptions(
                Duration.ofHours(2), Duration.ofMinutes(2), Duration.ofMinutes(30), 3);
    }
}
