package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;

/**
 * Additive Holt-Winters smoothing with the season indexed by time slot (hour of day), so that the
 * seasonal state stays a fixed array whatever the sampling interval. Returns the one-step forecast
 * error in units of its own exponentially smoothed mean absolute error.
 */
public final class HoltWinters implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final long slotMillis;
    private final double[] season;
    private final boolean[] seasonSeen;
    private double level;
    private double trend;
    private double errorScale;
    private long n;

    /** Smoothing factors in (0, 1); {@code slots} seasonal slots of {@code slotMillis} each. */
    public HoltWinters(double alpha, double beta, double gamma, long slotMillis, int slots) {
        if (!(alpha > 0 && alpha < 1)
                || !(beta >= 0 && beta < 1)
                || !(gamma >= 0 && gamma < 1)
                || slotMillis <= 0
                || slots <= 0) {
            throw new IllegalArgumentException(
                    "bad Holt-Winters parameters: alpha="
                            + alpha
                            + " beta="
                            + beta
                            + " gamma="
                            + gamma);
        }
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.slotMillis = slotMillis;
        this.season = new double[slots];
        this.seasonSeen = new boolean[slots];
    }

    /**
     * Forecast error of {@code value} in error-scale units (NaN during the first values), then
     * learns it.
     */
    public double update(long epochMillis, double value, double floor) {
        int s = (int) Math.floorMod(Math.floorDiv(epochMillis, slotMillis), (long) season.length);
        n++;
        if (n == 1) {
            level = value;
            seasonSeen[s] = true;
            return Double.NaN;
        }
        double seasonal = seasonSeen[s] ? season[s] : 0.0;
        double forecast = level + trend + seasonal;
        double error = value - forecast;
        double z = n > 10 ? Math.abs(error) / (1.253 * Math.max(errorScale, floor)) : Double.NaN;
        double prevLevel = level;
        level = alpha * (value - seasonal) + (1 - alpha) * (level + trend);
        trend = beta * (level - prevLevel) + (1 - beta) * trend;
        season[s] =
                seasonSeen[s] ? gamma * (value - level) + (1 - gamma) * seasonal : value - level;
        seasonSeen[s] = true;
        double r = Math.max(0.01, 1.0 / n);
        errorScale += r * (Math.abs(error) - errorScale);
        return z;
    }
}
