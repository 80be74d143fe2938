package dev.incidentintel.triage.calibrate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Maps a classifier's top score to the probability that its top label is right, fitted by isotonic
 * regression (pool adjacent violators) on held-out predictions. The map is non-decreasing by
 * construction, so a higher raw score never gets a lower confidence, and on the data it was fitted
 * on the mean confidence equals the accuracy.
 */
public final class IsotonicCalibrator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Upper score bound of each block, ascending. */
    private final double[] upper;

    /** Fraction correct in each block, non-decreasing. */
    private final double[] value;

    private IsotonicCalibrator(double[] upper, double[] value) {
        this.upper = upper;
        this.value = value;
    }

    /** Fits on {@code scores[i]} with outcome {@code correct[i]}. */
    public static IsotonicCalibrator fit(double[] scores, boolean[] correct) {
        if (scores.length != correct.length) {
            throw new IllegalArgumentException("scores and correct differ in length");
        }
        if (scores.length == 0) {
            return new IsotonicCalibrator(
                    new double[] {Double.POSITIVE_INFINITY}, new double[] {0.5});
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double[] sum = new double[scores.length];
        double[] weight = new double[scores.length];
        double[] hi = new double[scores.length];
        int blocks = 0;
        for (int idx : order) {
            sum[blocks] = correct[idx] ? 1 : 0;
            weight[blocks] = 1;
            hi[blocks] = scores[idx];
            blocks++;
            // Merge while the previous block's mean exceeds this one's (the monotonicity
            // violation).
            while (blocks > 1
                    && sum[blocks - 2] / weight[blocks - 2]
                            >= sum[blocks - 1] / weight[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                hi[blocks - 2] = hi[blocks - 1];
                blocks--;
            }
        }
        double[] v = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            v[b] = sum[b] / weight[b];
        }
        double[] u = Arrays.copyOf(hi, blocks);
        u[blocks - 1] = Double.POSITIVE_INFINITY;
        return new IsotonicCalibrator(u, v);
    }

    /** Calibrated confidence of a raw top score, in [0, 1]. */
    public double confidence(double score) {
        int i = Arrays.binarySearch(upper, score);
        if (i < 0) {
            i = -i - 1;
        }
        return value[Math.min(i, value.length - 1)];
    }
}
