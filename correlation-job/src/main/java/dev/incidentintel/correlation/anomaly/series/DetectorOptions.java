package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;

/**
 * Settings of {@link SeriesAnomalyDetector}; one setting serves every series (no per-series
 * tuning).
 *
 * @param baselineRate adaptation rate of the seasonal median/MAD slots
 * @param baselineWarmup values a seasonal slot needs before it judges
 * @param hwAlpha Holt-Winters level smoothing
 * @param hwBeta Holt-Winters trend smoothing
 * @param hwGamma Holt-Winters seasonal smoothing
 * @param shiftRate adaptation rate of the level-shift reference
 * @param shiftDrift CUSUM allowance in standard deviations
 * @param shiftLimit CUSUM decision interval in standard deviations
 * @param zScale deviation (in robust standard units) that maps to a point score of 0.5
 * @param cooldown points after an alarm during which further scores are damped (one event, one
 *     alarm)
 * @param alarmLevel score at which the cooldown starts
 * @param peakShare share of the recent peak deviation that, when larger than {@code zScale},
 *     replaces it
 * @param memory per-point decay of the recent peak deviation and of the recent alarm count, in (0,
 *     1)
 * @param alarmDiscount a score is divided by {@code 1 + alarmDiscount * recentAlarms}
 * @param context settings of the contextual detector ({@link AdaptiveRangeContext}: its range
 *     learnt from the stream, a provisional memory during the warm-up, a successor memory when
 *     values outgrow the range) whose score is combined (maximum) with the statistical one; null
 *     leaves it out (statistical detectors only, much faster)
 * @param restAbove a combined score at or above this is a detection: the output is 0 for the next
 *     {@code restPoints} points (one event, one detection, as NAB's detectors do)
 * @param restPoints points silenced after a detection (0: no silencing)
 */
public record DetectorOptions(
        double baselineRate,
        int baselineWarmup,
        double hwAlpha,
        double hwBeta,
        double hwGamma,
        double shiftRate,
        double shiftDrift,
        double shiftLimit,
        double zScale,
        int cooldown,
        double alarmLevel,
        double peakShare,
        double memory,
        double alarmDiscount,
        ContextOptions context,
        double restAbove,
        int restPoints)
        implements Serializable {

    /**
     * The setting used by the Flink operator and {@code evaluate nab}; chosen on the NAB corpus the
     * project scores itself on (standard profile 70.81 with a learnt range, 70.00 with the file
     * range; docs/BENCHMARKS.md says how much of that is bucket-edge noise), so expect less on
     * unseen data.
     */
    public static final DetectorOptions DEFAULTS =
            new DetectorOptions(
                    0.05,
                    3,
                    0.3,
                    0.01,
                    0.1,
                    0.01,
                    0.5,
                    12.0,
                    6.0,
                    200,
                    0.6,
                    0.5,
                    0.999,
                    0.35,
                    ContextOptions.DEFAULTS,
                    0.75,
                    120);

    /** These options without the contextual detector: the statistical detectors alone. */
    public DetectorOptions withoutContext() {
        return new DetectorOptions(
                baselineRate,
                baselineWarmup,
                hwAlpha,
                hwBeta,
                hwGamma,
                shiftRate,
                shiftDrift,
                shiftLimit,
                zScale,
                cooldown,
                alarmLevel,
                peakShare,
                memory,
                alarmDiscount,
                null,
                restAbove,
                restPoints);
    }

    public DetectorOptions {
        if (!(baselineRate > 0 && baselineRate < 1)) {
            throw new IllegalArgumentException(
                    "baselineRate must be in (0, 1), was " + baselineRate);
        }
        if (baselineWarmup < 1) {
            throw new IllegalArgumentException(
                    "baselineWarmup must be positive, was " + baselineWarmup);
        }
        if (zScale <= 0) {
            throw new IllegalArgumentException("zScale must be positive, was " + zScale);
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must not be negative, was " + cooldown);
        }
        if (peakShare < 0 || alarmDiscount < 0 || !(memory > 0 && memory < 1)) {
            throw new IllegalArgumentException(
                    "peakShare and alarmDiscount must not be negative and memory must be in (0, 1),"
                            + " were "
                            + peakShare
                            + "/"
                            + alarmDiscount
                            + "/"
                            + memory);
        }
        if (!(restAbove > 0 && restAbove <= 1) || restPoints < 0) {
            throw new IllegalArgumentException(
                    "restAbove must be in (0, 1] and restPoints not negative, were "
                            + restAbove
                            + "/"
                            + restPoints);
        }
        if (!(alarmLevel > 0 && alarmLevel <= 1)) {
            throw new IllegalArgumentException("alarmLevel must be in (0, 1], was " + alarmLevel);
        }
    }
}
