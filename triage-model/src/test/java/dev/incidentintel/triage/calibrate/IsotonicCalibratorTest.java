package dev.incidentintel.triage.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IsotonicCalibratorTest {
    @Test
    void poolsViolatorsIntoBlockMeans() {
        // scores sorted: 0.1 F, 0.2 T, 0.3 F, 0.4 T, 0.5 T. PAV by hand: [F] 0, [T F] -> 0.5, [T]
        // 1, [T] 1.
        IsotonicCalibrator c =
                IsotonicCalibrator.fit(
                        new double[] {0.3, 0.1, 0.5, 0.2, 0.4},
                        new boolean[] {false, false, true, true, true});
        assertThat(c.confidence(0.1)).isEqualTo(0.0);
        assertThat(c.confidence(0.2)).isEqualTo(0.5);
        assertThat(c.confidence(0.3)).isEqualTo(0.5);
        assertThat(c.confidence(0.45)).isEqualTo(1.0);
        assertThat(c.confidence(0.99)).isEqualTo(1.0);
    }

    @Test
    void isMonotoneAndMatchesAccuracyOnItsOwnData() {
        // Outcomes drawn with P(correct) = score: the fitted map is non-decreasing and its mean
        // over the
        // fitting data equals the observed accuracy (a property of isotonic regression).
        Random r = new Random(7);
        int n = 2000;
        double[] s = new double[n];
        boolean[] ok = new boolean[n];
        int right = 0;
        for (int i = 0; i < n; i++) {
            s[i] = r.nextDouble();
            ok[i] = r.nextDouble() < s[i];
            right += ok[i] ? 1 : 0;
        }
        IsotonicCalibrator c = IsotonicCalibrator.fit(s, ok);
        double prev = -1;
        for (double x = 0; x <= 1.0; x += 0.01) {
            assertThat(c.confidence(x)).isGreaterThanOrEqualTo(prev).isBetween(0.0, 1.0);
            prev = c.confidence(x);
        }
        double mean = 0;
        for (double v : s) {
            mean += c.confidence(v) / n;
        }
        assertThat(mean).isCloseTo((double) right / n, within(1e-9));
        // And it tracks the true curve: near 0.9 about 90% are right.
        assertThat(c.confidence(0.9)).isCloseTo(0.9, within(0.1));
    }
}
