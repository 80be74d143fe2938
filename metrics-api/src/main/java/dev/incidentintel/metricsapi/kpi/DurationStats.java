package dev.incidentintel.metricsapi.kpi;

/**
 * Summary of a set of durations in seconds: how many, mean, median and 90th percentile. The
 * percentiles interpolate linearly between closest ranks (Hyndman-Fan type 7, numpy's default;
 * docs/METRICS.md#percentiles). When {@code count} is 0 every figure is {@code null}, never 0: "no
 * data" must not read as "instant".
 */
public record DurationStats(
        long count, Double meanSeconds, Double medianSeconds, Double p90Seconds) {
    public DurationStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        boolean anyFigure = meanSeconds != null || medianSeconds != null || p90Seconds != null;
        boolean allFigures = meanSeconds != null && medianSeconds != null && p90Seconds != null;
        if (count == 0 && anyFigure) {
            throw new IllegalArgumentException("figures must be null when count is 0");
        }
        if (count > 0 && !allFigures) {
            throw new IllegalArgumentException(
                    "mean, median and p90 are required when count is " + count);
        }
    }

    /** Stats over no durations. */
    public static DurationStats empty() {
        return new DurationStats(0, null, null, null);
    }
}
