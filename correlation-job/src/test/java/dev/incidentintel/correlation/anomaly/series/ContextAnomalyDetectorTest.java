package dev.incidentintel.correlation.anomaly.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextAnomalyDetectorTest {
    private static final ContextOptions OPTIONS = ContextOptions.DEFAULTS;

    /** A repeating saw-tooth of period 12 between 0 and 11, with small seeded noise. */
    private static double saw(int i, Random rnd) {
        return i % 12 + 0.05 * rnd.nextGaussian();
    }

    @Test
    void scoresZeroWhileTheRangeIsLearnt() {
        ContextAnomalyDetector d = new ContextAnomalyDetector(OPTIONS);
        Random rnd = new Random(1);
        for (int i = 0; i < OPTIONS.learnPoints() - 1; i++) {
            assertEquals(0.0, d.update(saw(i, rnd)), "score at " + i);
        }
        assertEquals(0, d.contextCount(), "nothing is learnt before the range is known");
    }

    @Test
    void aLearntPatternScoresLowAndAStepChangeIsDetected() {
        ContextAnomalyDetector d = new ContextAnomalyDetector(OPTIONS);
        Random rnd = new Random(2);
        int n = 3000;
        double maxLate = 0;
        for (int i = 0; i < n; i++) {
            double s = d.update(saw(i, rnd));
            if (i > n - 500) {
                maxLate = Math.max(maxLate, s);
            }
        }
        assertTrue(maxLate < 0.5, "the saw-tooth is predicted once learnt, max score " + maxLate);
        double step = 0;
        for (int i = 0; i < 20; i++) {
            // Step: the series leaves its pattern for a constant level above its old range.
            step = Math.max(step, d.update(18));
        }
        assertTrue(step >= OPTIONS.suppressAbove(), "score of the step change: " + step);
    }

    @Test
    void onlyOneDetectionPerRestPeriod() {
        ContextAnomalyDetector d = new ContextAnomalyDetector(OPTIONS);
        Random rnd = new Random(3);
        for (int i = 0; i < 3000; i++) {
            d.update(saw(i, rnd));
        }
        int strong = 0;
        for (int i = 0; i < OPTIONS.restPeriod(); i++) {
            // Alternating unseen values: every point is novel, but only the first may be reported.
            if (d.update(i % 2 == 0 ? -8 : 20) >= OPTIONS.suppressAbove()) {
                strong++;
            }
        }
        assertEquals(1, strong);
    }

    @Test
    void theContextMemoryStaysUnderItsCapOnALongRandomSeries() {
        ContextOptions small =
                new ContextOptions(100, 1.0, 3, 15, 7, 500, 0.75, 120, 64, 0, 0, 1.0);
        ContextAnomalyDetector d = new ContextAnomalyDetector(small);
        Random rnd = new Random(4);
        int peak = 0;
        for (int i = 0; i < 200_000; i++) {
            double s = d.update(rnd.nextGaussian() * 100);
            assertTrue(s >= 0 && s <= 1, "score " + s);
            peak = Math.max(peak, d.contextCount());
        }
        assertEquals(
                small.maxContexts(),
                peak,
                "random data fills the memory up to the cap, not beyond");
        assertTrue(
                d.semiContextCount() <= 2 * small.maxContexts(),
                "semi-contexts " + d.semiContextCount());
        long bytes = d.stateBytes();
        assertTrue(
                bytes <= ContextAnomalyDetector.maxStateBytes(small),
                "state "
                        + bytes
                        + " B over the documented bound "
                        + ContextAnomalyDetector.maxStateBytes(small));
        for (int i = 0; i < 50_000; i++) {
            d.update(rnd.nextGaussian() * 100);
        }
        assertEquals(bytes, d.stateBytes(), "a full memory does not grow any more");
    }

    @Test
    void theSameSeriesGivesTheSameScores() {
        double[] a = run(new ContextAnomalyDetector(OPTIONS), new Random(5));
        double[] b = run(new ContextAnomalyDetector(OPTIONS), new Random(5));
        assertArrayEquals(a, b);
    }

    @Test
    void aKnownRangeScoresFromTheFirstValueAndIgnoresNonFiniteValues() {
        ContextAnomalyDetector d = new ContextAnomalyDetector(OPTIONS, 0, 11);
        Random rnd = new Random(6);
        double first = d.update(saw(0, rnd));
        d.update(saw(1, rnd));
        assertTrue(
                d.contextCount() > 0,
                "a context is learnt as soon as two values were seen; first score " + first);
        assertEquals(0.0, d.update(Double.NaN));
        assertThrows(
                IllegalArgumentException.class, () -> new ContextAnomalyDetector(OPTIONS, 2, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ContextOptions(0, 1.0, 3, 15, 7, 500, 0.75, 120, 64, 0, 0, 1.0));
    }

    @Test
    void theCrossingMemoDoesNotChangeAnyScore() {
        // A noisy daily pattern with rare spikes: the memo hits on most points once the pattern is
        // learnt.
        ContextOptions none = withMemo(0);
        for (int budget : new int[] {ContextOptions.DEFAULTS.crossingCache(), 600}) {
            ContextAnomalyDetector plain = new ContextAnomalyDetector(none);
            ContextAnomalyDetector memo = new ContextAnomalyDetector(withMemo(budget));
            Random rnd = new Random(12);
            for (int i = 0; i < 12_000; i++) {
                double v =
                        100
                                + 20 * Math.sin(2 * Math.PI * i / 288.0)
                                + 2 * rnd.nextGaussian()
                                + (rnd.nextInt(500) == 0 ? 50 : 0);
                assertEquals(
                        plain.update(v),
                        memo.update(v),
                        "score at " + i + " with a memo of " + budget);
            }
            assertEquals(plain.contextCount(), memo.contextCount());
        }
    }

    private static ContextOptions withMemo(int budget) {
        ContextOptions o = OPTIONS;
        return new ContextOptions(
                o.learnPoints(),
                o.rangeMargin(),
                o.valueBits(),
                o.maxActiveNeurons(),
                o.maxLeftFacts(),
                o.maxContexts(),
                o.suppressAbove(),
                o.restPeriod(),
                budget,
                o.earlyPoints(),
                o.handoverPoints(),
                o.growthMargin());
    }

    private static double[] run(ContextAnomalyDetector d, Random rnd) {
        double[] out = new double[2000];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.update(i % 50 == 0 ? 40 * rnd.nextDouble() : saw(i, rnd));
        }
        return out;
    }
}
