package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;

/**
 * Streaming anomaly score in [0, 1] for one time series, O(1) memory and time per point: a point is
 * anomalous when neither the robust seasonal baseline (daily and weekly median/MAD) nor the
 * Holt-Winters forecast explains it, or when the level-shift CUSUM signals a sustained change (the
 * two combined as a noisy-or). Deviations are scaled by the series' own recent peak deviation, and
 * scores are discounted by the number of recent alarms (decaying), so noisy series need more to
 * alarm. After an alarm, scores are damped for a cooldown so that one event raises one alarm. When
 * {@link DetectorOptions#context()} is set, the result is the larger of that score and the
 * contextual detector's ({@link ContextAnomalyDetector}, run as {@link AdaptiveRangeContext}: a
 * value sequence the context memory has not seen is anomalous even when it is within the
 * statistical bands). A combined score of {@link DetectorOptions#restAbove()} or more is a
 * detection, after which the output is 0 for {@link DetectorOptions#restPoints()} points ({@link
 * #lastCombined()} still tells how anomalous the series is meanwhile). Not thread-safe; one
 * instance per series (a few kilobytes: 24 + 168 + 24 slots, plus the context memories, bounded as
 * {@link AdaptiveRangeContext#maxStateBytes} says).
 */
public final class SeriesAnomalyDetector implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final long HOUR = 3_600_000L;
    private final DetectorOptions options;
    private final RobustSeasonalBaseline daily;
    private final RobustSeasonalBaseline weekly;
    private final HoltWinters holtWinters;
    private final LevelShiftDetector levelShift;
    private final AdaptiveRangeContext context;
    private double globalMean;
    private double globalSpread;
    private long n;
    private int cooling;
    private double peakDeviation;
    private double recentAlarms;
    private int sinceDetection = Integer.MAX_VALUE;
    private double lastCombined;

    public SeriesAnomalyDetector(DetectorOptions options) {
        this(options, Double.NaN, Double.NaN);
    }

    /**
     * A detector whose contextual part is told the series' range [{@code min}, {@code max}] instead
     * of learning it (NAB hands every detector its file's range); NaN bounds mean "learn it".
     */
    public SeriesAnomalyDetector(DetectorOptions options, double min, double max) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.daily =
                new RobustSeasonalBaseline(
                        HOUR, 24, options.baselineRate(), options.baselineWarmup());
        this.weekly =
                new RobustSeasonalBaseline(
                        HOUR, 168, options.baselineRate(), options.baselineWarmup());
        this.holtWinters =
                new HoltWinters(options.hwAlpha(), options.hwBeta(), options.hwGamma(), HOUR, 24);
        this.levelShift =
                new LevelShiftDetector(
                        options.shiftRate(), options.shiftDrift(), options.shiftLimit());
        if (options.context() == null) {
            this.context = null;
        } else if (Double.isNaN(min) || Double.isNaN(max)) {
            this.context = new AdaptiveRangeContext(options.context());
        } else {
            this.context = new AdaptiveRangeContext(options.context(), min, max);
        }
    }

    /**
     * Learns the point ({@code epochMillis}, {@code value}) and returns its anomaly score in [0,
     * 1].
     */
    public double update(long epochMillis, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            lastCombined = 0.0;
            return 0.0;
        }
        n++;
        // Spread floor: a share of the series' overall spread, so flat stretches do not divide by
        // zero.
        double floor = Math.max(0.05 * globalSpread, 1e-9 * Math.max(1.0, Math.abs(globalMean)));
        double zDay = daily.update(epochMillis, value, floor);
        double zWeek = weekly.update(epochMillis, value, floor);
        double zHw = holtWinters.update(epochMillis, value, floor);
        // The change detector watches what the daily pattern does not explain, so a daily swing is
        // no shift.
        double cusum = levelShift.update(value - daily.lastExpected(), floor);
        double r = Math.max(0.001, 1.0 / n);
        globalSpread += r * (Math.abs(value - globalMean) - globalSpread);
        globalMean += r * (value - globalMean);

        // Either seasonal baseline explaining the value is enough; the forecast must not explain it
        // either.
        double zSeason = minIgnoringNaN(zDay, zWeek);
        double zPoint = minIgnoringNaN(zSeason, zHw);
        // A deviation is judged against the larger of the fixed scale and a share of the series'
        // own recent
        // peak deviation: a series that often jumps by 20 sigma needs more than 20 sigma to stand
        // out.
        double point = 0.0;
        if (!Double.isNaN(zPoint)) {
            point =
                    squash(
                            zPoint
                                    / Math.max(
                                            options.zScale(), options.peakShare() * peakDeviation));
            peakDeviation = Math.max(peakDeviation * options.memory(), zPoint);
        }
        double shift = Double.isNaN(cusum) ? 0.0 : squash(cusum);
        // Either kind of evidence can make the point anomalous; both together make it more so
        // (noisy-or).
        double score = 1.0 - (1.0 - point) * (1.0 - shift);
        // A series that raised alarms recently is discounted: the same score means less in a noisy
        // series.
        recentAlarms *= options.memory();
        score /= 1.0 + options.alarmDiscount() * recentAlarms;
        if (cooling > 0) {
            // Damped for a while after an alarm: the rest of the same event should not raise new
            // alarms.
            score *= 1.0 - (double) cooling / options.cooldown();
            cooling--;
        } else if (score >= options.alarmLevel()) {
            cooling = options.cooldown();
            recentAlarms += 1.0;
        }
        double combined = context == null ? score : Math.max(score, context.update(value));
        lastCombined = combined;
        boolean resting = sinceDetection < options.restPoints();
        if (combined >= options.restAbove()) {
            sinceDetection = 0;
        } else if (sinceDetection != Integer.MAX_VALUE) {
            sinceDetection++;
        }
        return resting ? 0.0 : combined;
    }

    /**
     * The last point's combined score before the rest after a detection (0 for a non-finite value).
     */
    public double lastCombined() {
        return lastCombined;
    }

    /** x / (1 + x) for x >= 0 with x squared first: 0.5 at x = 1, ordering kept for large x. */
    private static double squash(double x) {
        double x2 = x * x;
        return x2 / (1.0 + x2);
    }

    private static double minIgnoringNaN(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return Math.min(a, b);
    }
}
