package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;

/**
 * Level-shift (change) detector: a two-sided CUSUM of values standardised by a slow exponentially
 * weighted mean and deviation. Sustained moves accumulate even when each point alone looks normal;
 * the statistic restarts after it signals so that one shift is reported once.
 */
public final class LevelShiftDetector implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double rate;
    private final double drift;
    private final double limit;
    private double mean;
    private double fastMean;
    private double var;
    private double up;
    private double down;
    private long n;

    /**
     * @param rate adaptation rate of the reference mean and variance
     * @param drift allowance per point in standard deviations (CUSUM's k)
     * @param limit decision interval in standard deviations (CUSUM's h)
     */
    public LevelShiftDetector(double rate, double drift, double limit) {
        if (!(rate > 0 && rate < 1) || drift < 0 || limit <= 0) {
            throw new IllegalArgumentException(
                    "bad level-shift parameters: rate="
                            + rate
                            + " drift="
                            + drift
                            + " limit="
                            + limit);
        }
        this.rate = rate;
        this.drift = drift;
        this.limit = limit;
    }

    /** CUSUM statistic over the decision interval (>= 1 means a shift), NaN while warming up. */
    public double update(double value, double floor) {
        n++;
        if (n == 1) {
            mean = value;
            fastMean = value;
            return Double.NaN;
        }
        double sd = Math.max(Math.sqrt(var), floor);
        double z = (value - mean) / sd;
        double out = Double.NaN;
        if (n > 30) {
            up = Math.max(0, up + z - drift);
            down = Math.max(0, down - z - drift);
            out = Math.max(up, down) / limit;
            if (out >= 1) {
                // Re-anchor on the new level so that one shift signals once, not on every later
                // point.
                up = 0;
                down = 0;
                mean = fastMean;
            }
        }
        fastMean += 0.2 * (value - fastMean);
        double r = Math.max(rate, 1.0 / n);
        double d = value - mean;
        mean += r * d;
        var = (1 - r) * (var + r * d * d);
        return out;
    }
}
