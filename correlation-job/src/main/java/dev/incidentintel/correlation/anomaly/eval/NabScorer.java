package dev.incidentintel.correlation.anomaly.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Numenta Anomaly Benchmark scoring rules (NAB v1.1: {@code nab/sweeper.py}, {@code
 * nab/scorer.py}, {@code config/profiles.json}), re-implemented from the description in the
 * dataset's SOURCE_AND_SCORING.md: labelled windows, probationary period, scaled-sigmoid weighting
 * of the first detection in a window and of false positives after a window, one threshold swept
 * over the whole corpus per profile, and normalisation between the null detector (0) and the
 * perfect one (100).
 */
public final class NabScorer {

    /** A cost profile: weights of true positives, missed windows and false positives. */
    public record Profile(String name, double tpWeight, double fnWeight, double fpWeight) {
        public Profile {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (tpWeight <= 0 || fnWeight < 0 || fpWeight < 0) {
                throw new IllegalArgumentException(
                        "weights must be positive, were "
                                + tpWeight
                                + "/"
                                + fnWeight
                                + "/"
                                + fpWeight);
            }
        }
    }

    /** The three NAB profiles. */
    public static final List<Profile> PROFILES =
            List.of(
                    new Profile("standard", 1.0, 1.0, 0.11),
                    new Profile("reward_low_FP_rate", 1.0, 1.0, 0.22),
                    new Profile("reward_low_FN_rate", 1.0, 2.0, 0.11));

    /**
     * One scored data file.
     *
     * @param name file name (relative path in the corpus)
     * @param scores the detector's anomaly score per row, in [0, 1]
     * @param windows labelled windows as inclusive row-index pairs {@code [left, right]}, in time
     *     order
     */
    public record ScoredFile(String name, double[] scores, List<int[]> windows) {
        public ScoredFile {
            if (scores == null) {
                throw new IllegalArgumentException("scores must not be null");
            }
            windows = List.copyOf(windows);
            int prev = -1;
            for (int[] w : windows) {
                if (w.length != 2 || w[0] > w[1] || w[0] <= prev || w[1] >= scores.length) {
                    throw new IllegalArgumentException(
                            "windows of "
                                    + name
                                    + " must be ordered, disjoint row ranges, got "
                                    + Arrays.toString(w));
                }
                prev = w[1];
            }
        }
    }

    /** Outcome of one profile over the corpus at its best threshold. */
    public record ProfileScore(
            String profile,
            double threshold,
            double rawScore,
            double nullScore,
            double perfectScore,
            double normalized,
            int truePositives,
            int falsePositives,
            int falseNegatives) {}

    private NabScorer() {}

    /** Rows at the start of a file of {@code rows} rows that are not scored. */
    public static int probationLength(int rows) {
        return Math.min((int) Math.floor(0.15 * rows), (int) (0.15 * 5000));
    }

    /**
     * NAB's scaled sigmoid: about 0.987 at the left edge of a window (y = -1), 0 at y = 0, -1 far
     * after.
     */
    public static double scaledSigmoid(double y) {
        if (y > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    /** Scores the corpus under every profile in {@link #PROFILES}. */
    public static Map<String, ProfileScore> scoreAll(List<ScoredFile> files) {
        Map<String, ProfileScore> out = new LinkedHashMap<>();
        for (Profile p : PROFILES) {
            out.put(p.name(), score(files, p));
        }
        return out;
    }

    /**
     * Sweeps the threshold over all scores of the corpus and returns the best total for {@code
     * profile}.
     */
    public static ProfileScore score(List<ScoredFile> files, Profile profile) {
        List<Point> points = new ArrayList<>();
        int windowCount = 0;
        for (ScoredFile f : files) {
            windowCount += labelPoints(f, windowCount, points);
        }
        points.sort((a, b) -> Double.compare(b.score, a.score));
        double maxTp = scaledSigmoid(-1.0);
        double[] bestInWindow = new double[windowCount];
        Arrays.fill(bestInWindow, Double.NaN);
        double tpSum = 0;
        double fpSum = 0;
        int detected = 0;
        int fpCount = 0;
        double nullScore = -profile.fnWeight() * windowCount;
        // Threshold above every score: nothing flagged, every window missed.
        double bestTotal = nullScore;
        double bestThreshold = 1.1;
        int bestTp = 0;
        int bestFp = 0;
        int i = 0;
        while (i < points.size()) {
            double threshold = points.get(i).score;
            while (i < points.size() && points.get(i).score == threshold) {
                Point p = points.get(i++);
                if (p.window >= 0) {
                    double prev = bestInWindow[p.window];
                    if (Double.isNaN(prev)) {
                        detected++;
                        bestInWindow[p.window] = p.unweighted;
                        tpSum += p.unweighted;
                    } else if (p.unweighted > prev) {
                        bestInWindow[p.window] = p.unweighted;
                        tpSum += p.unweighted - prev;
                    }
                } else {
                    fpSum += p.unweighted;
                    fpCount++;
                }
            }
            double total =
                    profile.tpWeight() * tpSum / maxTp
                            + profile.fpWeight() * fpSum
                            - profile.fnWeight() * (windowCount - detected);
            if (total > bestTotal) {
                bestTotal = total;
                bestThreshold = threshold;
                bestTp = detected;
                bestFp = fpCount;
            }
        }
        double perfect = profile.tpWeight() * windowCount;
        double normalized =
                windowCount == 0
                        ? Double.NaN
                        : 100.0 * (bestTotal - nullScore) / (perfect - nullScore);
        return new ProfileScore(
                profile.name(),
                bestThreshold,
                bestTotal,
                nullScore,
                perfect,
                normalized,
                bestTp,
                bestFp,
                windowCount - bestTp);
    }

    /**
     * Adds the scorable points of {@code f}; window ids start at {@code firstWindow}. Returns its
     * window count.
     */
    private static int labelPoints(ScoredFile f, int firstWindow, List<Point> out) {
        int probation = probationLength(f.scores().length);
        List<int[]> windows = f.windows();
        int next = 0;
        int curRight = -1;
        double curWidth = 0;
        int curId = -1;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < f.scores().length; i++) {
            if (curRight < 0 && next < windows.size() && windows.get(next)[0] == i) {
                curRight = windows.get(next)[1];
                curWidth = curRight - windows.get(next)[0] + 1;
                curId = firstWindow + next;
                next++;
            }
            double unweighted;
            int window;
            if (curRight >= 0) {
                unweighted = scaledSigmoid(-(curRight - i + 1) / curWidth);
                window = curId;
            } else {
                if (prevRight < 0) {
                    unweighted = -1.0;
                } else {
                    // A one-row window has no width to scale by; treat anything after it as far
                    // away.
                    unweighted =
                            prevWidth <= 1
                                    ? -1.0
                                    : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
                }
                window = -1;
            }
            if (i >= probation) {
                out.add(new Point(f.scores()[i], window, unweighted));
            }
            if (i == curRight) {
                prevRight = curRight;
                prevWidth = curWidth;
                curRight = -1;
            }
        }
        return windows.size();
    }

    private record Point(double score, int window, double unweighted) {}
}
