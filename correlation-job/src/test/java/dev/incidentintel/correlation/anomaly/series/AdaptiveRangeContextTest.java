package dev.incidentintel.correlation.anomaly.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptiveRangeContextTest {
    /**
     * Learns 600 values, scores from value 300 with a provisional memory, hands over after 2,000.
     */
    private static final ContextOptions OPTIONS = ContextOptions.DEFAULTS;

    /** A repeating saw-tooth of period 12 between 0 and {@code top}, with small seeded noise. */
    private static double saw(int i, double top, Random rnd) {
        return (i % 12) * top / 11 + 0.05 * rnd.nextGaussian();
    }

    @Test
    void theProvisionalMemoryScoresBetweenTheEarlyAndTheFullWarmUp() {
        AdaptiveRangeContext adaptive = new AdaptiveRangeContext(OPTIONS);
        ContextAnomalyDetector plain = new ContextAnomalyDetector(OPTIONS);
        Random rnd = new Random(1);
        for (int i = 0; i < OPTIONS.earlyPoints() - 1; i++) {
            double v = saw(i, 11, rnd);
            assertEquals(0.0, adaptive.update(v), "score at " + i + ": no range is known yet");
            plain.update(v);
        }
        // The pattern is learnt by now; a jump to a level it never visited, inside the early
        // range's margin.
        int i = OPTIONS.earlyPoints() - 1;
        for (; i < 450; i++) {
            double v = saw(i, 11, rnd);
            adaptive.update(v);
            plain.update(v);
        }
        assertTrue(
                adaptive.provisional(),
                "the provisional memory scores until value " + OPTIONS.learnPoints());
        double strongest = 0;
        for (int k = 0; k < 6; k++, i++) {
            strongest = Math.max(strongest, adaptive.update(15.0));
            assertEquals(0.0, plain.update(15.0), "a plain memory is still blind at value " + i);
        }
        assertTrue(
                strongest >= OPTIONS.suppressAbove(),
                "the unseen level is detected during the warm-up: " + strongest);
        for (; i < OPTIONS.learnPoints() + 5; i++) {
            adaptive.update(saw(i, 11, rnd));
        }
        assertFalse(adaptive.provisional(), "dropped once the full range is known");
    }

    @Test
    void aSuccessorOnTheGrownRangeTakesOverAfterTheHandOverLength() {
        AdaptiveRangeContext d = new AdaptiveRangeContext(OPTIONS);
        Random rnd = new Random(2);
        int i = 0;
        for (; i < 3_000; i++) {
            d.update(saw(i, 11, rnd));
        }
        assertFalse(d.growing(), "values inside the learnt range start no successor");
        // The series moves far above the learnt (widened) range [-5.5, 16.5].
        d.update(500.0);
        i++;
        assertTrue(d.growing(), "a value outside the range starts a successor");
        for (int k = 0; k < OPTIONS.handoverPoints() - 1; k++, i++) {
            d.update(saw(i, 300, rnd));
            assertTrue(d.growing(), "still learning after " + (k + 2) + " values");
        }
        assertEquals(0, d.handovers());
        d.update(saw(i++, 300, rnd));
        assertEquals(1, d.handovers(), "hands over after exactly handoverPoints values");
        assertFalse(d.growing());
        // The new memory covers [0, 500] widened: the larger saw-tooth is inside it and starts
        // nothing.
        for (int k = 0; k < 1_000; k++, i++) {
            d.update(saw(i, 300, rnd));
        }
        assertFalse(d.growing(), "values inside the grown range start no successor");
        assertEquals(1, d.handovers());
    }

    @Test
    void aValueOutsideTheSuccessorsRangeStartsItAgain() {
        AdaptiveRangeContext d = new AdaptiveRangeContext(OPTIONS);
        Random rnd = new Random(3);
        int i = 0;
        for (; i < 1_000; i++) {
            d.update(saw(i, 11, rnd));
        }
        d.update(100.0);
        // Grown range: [0, 100] widened by 1.0 of its width, so up to about 200 is covered.
        for (int k = 0; k < OPTIONS.handoverPoints() / 2; k++, i++) {
            d.update(saw(i, 11, rnd));
        }
        d.update(150.0);
        for (int k = 0; k < OPTIONS.handoverPoints() / 2 + 10; k++, i++) {
            d.update(saw(i, 11, rnd));
        }
        assertEquals(1, d.handovers(), "a value inside the successor's range does not restart it");
        d.update(10_000.0);
        for (int k = 0; k < OPTIONS.handoverPoints() / 2; k++, i++) {
            d.update(saw(i, 11, rnd));
        }
        d.update(50_000.0);
        for (int k = 0; k < OPTIONS.handoverPoints() - 1; k++, i++) {
            d.update(saw(i, 11, rnd));
        }
        assertEquals(1, d.handovers(), "restarted by 50,000: its hand-over is one value away");
        d.update(saw(i, 11, rnd));
        assertEquals(2, d.handovers());
    }

    @Test
    void withoutEarlyPointsAndGrowthItScoresLikeOneMemory() {
        ContextOptions fixed = OPTIONS.fixedRange();
        AdaptiveRangeContext adaptive = new AdaptiveRangeContext(fixed);
        ContextAnomalyDetector plain = new ContextAnomalyDetector(fixed);
        Random rnd = new Random(4);
        for (int i = 0; i < 5_000; i++) {
            double v = i % 700 == 0 ? 1_000 * rnd.nextDouble() : saw(i, 11, rnd);
            assertEquals(plain.update(v), adaptive.update(v), "score at " + i);
        }
        assertEquals(0, adaptive.handovers());
    }

    @Test
    void aKnownRangeScoresFromTheFirstValuesAndIgnoresNonFiniteValues() {
        AdaptiveRangeContext d = new AdaptiveRangeContext(OPTIONS, -1, 12);
        assertFalse(d.provisional());
        Random rnd = new Random(5);
        double strongest = 0;
        for (int i = 0; i < 50; i++) {
            strongest = Math.max(strongest, d.update(saw(i, 11, rnd)));
        }
        assertTrue(strongest > 0, "scores from the start");
        assertEquals(0.0, d.update(Double.NaN));
        assertEquals(0.0, d.update(Double.POSITIVE_INFINITY));
        assertFalse(d.growing(), "neither values inside the range nor non-finite values grow it");
        d.update(13.0);
        assertTrue(d.growing(), "a value outside a given range grows it too");
    }

    @Test
    void theStateStaysUnderItsBoundWhileTheRangeKeepsGrowing() {
        ContextOptions small =
                new ContextOptions(100, 0.5, 3, 15, 7, 500, 0.75, 120, 64, 50, 300, 1.0);
        AdaptiveRangeContext d = new AdaptiveRangeContext(small);
        Random rnd = new Random(6);
        double level = 0;
        long peak = 0;
        for (int i = 0; i < 100_000; i++) {
            // A random walk with noise: the range keeps growing, so successors keep starting.
            level += rnd.nextGaussian();
            double s = d.update(level + 3 * rnd.nextGaussian());
            assertTrue(s >= 0 && s <= 1, "score " + s);
            peak = Math.max(peak, d.stateBytes());
        }
        assertTrue(d.handovers() > 0, "the walk outgrew the range");
        assertTrue(
                peak <= AdaptiveRangeContext.maxStateBytes(small),
                "state "
                        + peak
                        + " B over the documented bound "
                        + AdaptiveRangeContext.maxStateBytes(small));
    }

    @Test
    void rejectsEarlyPointsNotBelowTheWarmUpAndNegativeLengths() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ContextOptions(100, 0.5, 3, 15, 7, 500, 0.75, 120, 64, 100, 0, 1.0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ContextOptions(100, 0.5, 3, 15, 7, 500, 0.75, 120, 64, -1, 0, 1.0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ContextOptions(100, 0.5, 3, 15, 7, 500, 0.75, 120, 64, 0, -1, 1.0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ContextOptions(100, 0.5, 3, 15, 7, 500, 0.75, 120, 64, 0, 0, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveRangeContext(null));
    }
}
