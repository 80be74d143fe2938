package dev.incidentintel.correlation.anomaly.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values are worked out by hand from the NAB rules (SOURCE_AND_SCORING.md). */
class NabScorerTest {
    private static final NabScorer.Profile STANDARD = NabScorer.PROFILES.get(0);
    private static final NabScorer.Profile LOW_FN = NabScorer.PROFILES.get(2);
    // 100 rows: probation floor(0.15 * 100) = 15 rows; one window over rows 50..59 (width 10).
    private static final List<int[]> WINDOW = List.of(new int[] {50, 59});

    private static double sigma(double y) {
        return 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    private static NabScorer.ScoredFile file(int... flaggedRows) {
        double[] scores = new double[100];
        for (int r : flaggedRows) {
            scores[r] = 1.0;
        }
        return new NabScorer.ScoredFile("f.csv", scores, WINDOW);
    }

    @Test
    void nullDetectorScoresZeroAndPerfectDetectorScoresHundred() {
        assertEquals(0.0, NabScorer.score(List.of(file()), STANDARD).normalized(), 1e-9);
        NabScorer.ProfileScore perfect = NabScorer.score(List.of(file(50)), STANDARD);
        assertEquals(100.0, perfect.normalized(), 1e-9);
        assertEquals(-1.0, perfect.nullScore(), 1e-12);
        assertEquals(1.0, perfect.perfectScore(), 1e-12);
        assertEquals(-2.0, NabScorer.score(List.of(file()), LOW_FN).nullScore(), 1e-12);
    }

    @Test
    void onlyTheFirstDetectionInAWindowCountsWeightedByItsPosition() {
        // Right edge alone: y = -(59 - 59 + 1) / 10 = -0.1, normalised by sigma(-1).
        double rightEdge = sigma(-0.1) / sigma(-1.0);
        assertEquals(
                100 * (rightEdge + 1) / 2,
                NabScorer.score(List.of(file(59)), STANDARD).normalized(),
                1e-9);
        // Rows 55 and 59 together: the earlier one counts (y = -0.5), the later adds nothing.
        double middle = sigma(-0.5) / sigma(-1.0);
        assertEquals(
                100 * (middle + 1) / 2,
                NabScorer.score(List.of(file(55, 59)), STANDARD).normalized(),
                1e-9);
    }

    @Test
    void falsePositivesCostTheirProfileWeightAndLessRightAfterAWindow() {
        // Before any window: -1 * 0.11.
        assertEquals(
                100 * (1 - 0.11 + 1) / 2,
                NabScorer.score(List.of(file(20, 50)), STANDARD).normalized(),
                1e-9);
        // Five rows after the window: y = |59 - 64| / (10 - 1).
        double after = sigma(5.0 / 9.0) * 0.11;
        assertEquals(
                100 * (1 + after + 1) / 2,
                NabScorer.score(List.of(file(50, 64)), STANDARD).normalized(),
                1e-9);
        assertEquals(-1.0, NabScorer.scaledSigmoid(3.5), 0.0);
    }

    @Test
    void detectionsInTheProbationaryPeriodAreIgnored() {
        assertEquals(15, NabScorer.probationLength(100));
        assertEquals(750, NabScorer.probationLength(20_000));
        // Row 10 is in probation: it is neither a false positive nor anything else.
        assertEquals(100.0, NabScorer.score(List.of(file(10, 50)), STANDARD).normalized(), 1e-9);
    }

    @Test
    void theSweepPicksTheThresholdThatMaximisesTheCorpusScore() {
        double[] scores = new double[100];
        scores[50] = 0.9; // true positive at the left edge
        scores[30] = 0.95; // false positive ranked above it
        scores[80] = 0.5; // false positive below it
        NabScorer.ProfileScore s =
                NabScorer.score(
                        List.of(new NabScorer.ScoredFile("f.csv", scores, WINDOW)), STANDARD);
        // Threshold 0.9 flags rows 30 and 50: 1 - 0.11 = 0.89; 0.5 would add another (negative) FP.
        assertEquals(0.9, s.threshold(), 0.0);
        assertEquals(0.89, s.rawScore(), 1e-9);
        assertEquals(1, s.truePositives());
        assertEquals(1, s.falsePositives());
        assertEquals(0, s.falseNegatives());
    }

    @Test
    void rejectsOverlappingWindows() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new NabScorer.ScoredFile(
                                "f", new double[10], List.of(new int[] {2, 5}, new int[] {5, 7})));
    }
}
