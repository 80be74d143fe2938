package dev.incidentintel.triage.classify;

import smile.classification.DiscreteNaiveBayes;
import smile.util.SparseArray;

/**
 * The baseline every model must beat: multinomial Naive Bayes (Smile) over the same hashed term
 * counts, with additive smoothing.
 */
public final class NaiveBayesBaseline {
    private final DiscreteNaiveBayes nb;
    private final int k;
    private final int majority;
    private int fallbacks;

    private NaiveBayesBaseline(DiscreteNaiveBayes nb, int k, int majority) {
        this.nb = nb;
        this.k = k;
        this.majority = majority;
    }

    public static NaiveBayesBaseline fit(SparseArray[] x, int[] y, int k, int p, double smoothing) {
        // Add-one pseudo example per class through the priors would bias small classes; Smile's
        // sigma is the per-term additive smoothing instead.
        DiscreteNaiveBayes model =
                new DiscreteNaiveBayes(
                        DiscreteNaiveBayes.Model.MULTINOMIAL,
                        k,
                        p,
                        smoothing,
                        smile.util.IntSet.of(k));
        model.update(x, y);
        int[] count = new int[k];
        for (int label : y) {
            count[label]++;
        }
        int majority = 0;
        for (int c = 1; c < k; c++) {
            if (count[c] > count[majority]) {
                majority = c;
            }
        }
        return new NaiveBayesBaseline(model, k, majority);
    }

    /**
     * The most probable class, as the argmax of Smile's posteriors: on the 73-group assignment set
     * Smile's own {@code predict(x)} returned Integer.MIN_VALUE as a label (class-set mapping with
     * groups absent from training). If every posterior were NaN the majority class is used and
     * counted in {@link #fallbacks()} (0 in every recorded run).
     */
    public int predict(SparseArray x) {
        double[] post = new double[k];
        nb.predict(x, post);
        int best = -1;
        for (int c = 0; c < k; c++) {
            if (!Double.isNaN(post[c]) && (best < 0 || post[c] > post[best])) {
                best = c;
            }
        }
        if (best < 0) {
            fallbacks++;
            return majority;
        }
        return best;
    }

    /** How many predictions fell back to the majority class (reported next to the baseline). */
    public int fallbacks() {
        return fallbacks;
    }
}
