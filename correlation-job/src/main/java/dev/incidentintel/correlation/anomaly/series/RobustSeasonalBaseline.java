package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;

/**
 * Robust seasonal baseline: per seasonal slot (hour of day, or hour of week) a streaming median and
 * mean absolute deviation, tracked by stochastic approximation (the median moves a small step
 * towards each value, scaled by the slot's spread), so one outlier cannot drag it. Memory is one
 * triple per slot, fixed by the slot count, not by the length of the series.
 */
public final class RobustSeasonalBaseline implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long slotMillis;
    private final int slots;
    private final double rate;
    private final int warmup;
    private final double[] median;
    private final double[] spread;
    private final int[] seen;
    private double lastExpected;

    /**
     * @param slotMillis width of one slot (one hour for the daily and weekly baselines)
     * @param slots number of slots in a season (24 for daily, 168 for weekly)
     * @param rate adaptation rate of a slot, in (0, 1)
     * @param warmup values a slot must have seen before it judges anything
     */
    public RobustSeasonalBaseline(long slotMillis, int slots, double rate, int warmup) {
        if (slotMillis <= 0 || slots <= 0 || !(rate > 0 && rate < 1) || warmup < 1) {
            throw new IllegalArgumentException(
                    "bad baseline parameters: slotMillis="
                            + slotMillis
                            + " slots="
                            + slots
                            + " rate="
                            + rate
                            + " warmup="
                            + warmup);
        }
        this.slotMillis = slotMillis;
        this.slots = slots;
        this.rate = rate;
        this.warmup = warmup;
        this.median = new double[slots];
        this.spread = new double[slots];
        this.seen = new int[slots];
    }

    /** The slot median the last value was compared with (the value itself for a new slot). */
    public double lastExpected() {
        return lastExpected;
    }

    /**
     * The deviation of {@code value} from its slot's median in units of the slot's spread (NaN
     * while the slot warms up), then learns the value. {@code floor} bounds the spread from below
     * so that a perfectly flat history does not turn every wiggle into an infinite deviation.
     */
    public double update(long epochMillis, double value, double floor) {
        int s = (int) Math.floorMod(Math.floorDiv(epochMillis, slotMillis), (long) slots);
        double z = Double.NaN;
        lastExpected = seen[s] == 0 ? value : median[s];
        if (seen[s] == 0) {
            median[s] = value;
            spread[s] = 0;
        } else {
            if (seen[s] >= warmup) {
                z = Math.abs(value - median[s]) / (1.253 * Math.max(spread[s], floor));
            }
            double dev = Math.abs(value - median[s]);
            // Early on, learn fast (running average); later, a fixed rate keeps memory of roughly
            // 1/rate values.
            double r = Math.max(rate, 1.0 / (seen[s] + 1));
            double step = r * Math.max(spread[s], floor);
            median[s] +=
                    value > median[s]
                            ? Math.min(step, value - median[s])
                            : -Math.min(step, median[s] - value);
            spread[s] += r * (dev - spread[s]);
        }
        if (seen[s] < Integer.MAX_VALUE) {
            seen[s]++;
        }
        return z;
    }
}
