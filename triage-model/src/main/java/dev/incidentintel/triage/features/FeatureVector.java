package dev.incidentintel.triage.features;

import smile.util.SparseArray;

/**
 * One ticket in a model's compact feature space: the sorted distinct feature indices present and
 * their TF-IDF weights (sublinear term frequency times smoothed IDF, L2-normalised). Binary
 * classifiers read {@link #indices()}, weighted ones {@link #sparse()}.
 *
 * @param indices sorted distinct indices in {@code [0, dimension)}
 * @param weights weight of each index, same length
 */
public record FeatureVector(int[] indices, double[] weights) {
    public FeatureVector {
        if (indices.length != weights.length) {
            throw new IllegalArgumentException(
                    indices.length + " indices but " + weights.length + " weights");
        }
    }

    /** The weights as a Smile sparse array. */
    public SparseArray sparse() {
        SparseArray a = new SparseArray(indices.length);
        for (int i = 0; i < indices.length; i++) {
            a.append(indices[i], weights[i]);
        }
        return a;
    }
}
