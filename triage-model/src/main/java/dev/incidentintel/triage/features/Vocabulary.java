package dev.incidentintel.triage.features;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import smile.util.SparseArray;

/**
 * The compact feature space of a trained model: the {@code maxFeatures} hashed features present in
 * the most training rows (at least two, when there are enough), renumbered {@code 0..d-1}, with
 * their smoothed inverse document frequency. Renumbering shrinks the classifiers (weights per class
 * scale with the dimension, not with the hashing width) and drops features seen once, which cannot
 * generalise. Built from the training rows only, without labels.
 */
public final class Vocabulary implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Hashed feature ids, sorted; the position is the compact index. */
    private final int[] hashed;

    private final double[] idf;

    private Vocabulary(int[] hashed, double[] idf) {
        this.hashed = hashed;
        this.idf = idf;
    }

    /**
     * Keeps the {@code maxFeatures} features with the highest document frequency in {@code rows}.
     */
    public static Vocabulary fit(List<SparseArray> rows, int hashDimension, int maxFeatures) {
        int[] df = new int[hashDimension];
        for (SparseArray r : rows) {
            for (SparseArray.Entry e : r) {
                df[e.i]++;
            }
        }
        int minDf = rows.size() >= 20 ? 2 : 1;
        int[] present =
                java.util.stream.IntStream.range(0, hashDimension)
                        .filter(f -> df[f] >= minDf)
                        .boxed()
                        .sorted(
                                (a, b) ->
                                        df[b] != df[a]
                                                ? Integer.compare(df[b], df[a])
                                                : Integer.compare(a, b))
                        .limit(maxFeatures)
                        .mapToInt(Integer::intValue)
                        .sorted()
                        .toArray();
        double[] idf = new double[present.length];
        for (int i = 0; i < present.length; i++) {
            idf[i] = Math.log((1.0 + rows.size()) / (1.0 + df[present[i]])) + 1.0;
        }
        return new Vocabulary(present, idf);
    }

    /** Number of features. */
    public int dimension() {
        return hashed.length;
    }

    /**
     * The ticket's hashed term counts in this space; features outside the vocabulary are dropped.
     */
    public FeatureVector apply(SparseArray counts) {
        int n = 0;
        int[] idx = new int[counts.size()];
        double[] w = new double[counts.size()];
        double norm = 0;
        for (SparseArray.Entry e : counts) {
            int c = Arrays.binarySearch(hashed, e.i);
            if (c >= 0 && e.x > 0) {
                idx[n] = c;
                w[n] = (1 + Math.log(e.x)) * idf[c];
                norm += w[n] * w[n];
                n++;
            }
        }
        // SparseArray iterates in insertion order; counts are built sorted, so indices stay sorted.
        double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int i = 0; i < n; i++) {
            w[i] *= scale;
        }
        return new FeatureVector(Arrays.copyOf(idx, n), Arrays.copyOf(w, n));
    }
}
