package dev.incidentintel.metricsapi.testing;

import java.util.Arrays;

/**
 * Hyndman-Fan type 7 percentiles (numpy's default), written for the tests from the definition in
 * docs/METRICS.md#percentiles, never from the API's own code, so the tests check the SQL against an
 * independent computation.
 */
public final class TypeSevenPercentile {
    private TypeSevenPercentile() {}

    /** The {@code p} percentile of {@code values} (not empty), 0 <= p <= 1. */
    public static double of(double[] values, double p) {
        double[] x = values.clone();
        Arrays.sort(x);
        double h = (x.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, x.length - 1);
        return x[lo] + (h - lo) * (x[hi] - x[lo]);
    }
}
