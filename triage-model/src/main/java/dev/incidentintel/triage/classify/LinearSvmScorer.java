package dev.incidentintel.triage.classify;

import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.features.FeatureVector;
import java.util.Arrays;
import java.util.stream.IntStream;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.MathEx;
import smile.math.kernel.SparseLinearKernel;
import smile.util.SparseArray;

/**
 * One-versus-rest linear SVM: one Smile LASVM per class with a sparse linear kernel on TF-IDF
 * weights, collapsed into a weight vector here, and a Platt scaling per class fitted on its
 * training scores; class probabilities are the scaled scores normalised to sum 1.
 *
 * <p>Why not Smile's own linear SVM: in Smile 3.1.1 {@code LinearKernelMachine.sparse/binary} index
 * the support-vector weights by feature number and throw ArrayIndexOutOfBounds on real data, so the
 * collapse is done here, over the kernel machine's support vectors.
 */
final class LinearSvmScorer implements Scorer {
    private static final long serialVersionUID = 1L;

    /** Training rows a class needs to get its own one-versus-rest SVM. */
    static final int MIN_POSITIVES = 3;

    /** Per class: weights (null when the class had no training rows). */
    private final double[][] w;

    private final double[] b;
    private final PlattScaling[] platt;

    private LinearSvmScorer(double[][] w, double[] b, PlattScaling[] platt) {
        this.w = w;
        this.b = b;
        this.platt = platt;
    }

    static LinearSvmScorer fit(FeatureVector[] x, int[] y, int k, int p, Options o) {
        SparseArray[] sx = new SparseArray[x.length];
        for (int i = 0; i < x.length; i++) {
            sx[i] = x[i].sparse();
        }
        double[][] w = new double[k][];
        double[] b = new double[k];
        PlattScaling[] platt = new PlattScaling[k];
        // The one-versus-rest machines are independent: fit them in parallel (in the caller's
        // fork-join
        // pool, or the common one), each writing only its own class's slots.
        IntStream.range(0, k).parallel().forEach(c -> fitClass(c, sx, x, y, p, o, w, b, platt));
        return new LinearSvmScorer(w, b, platt);
    }

    private static void fitClass(
            int c,
            SparseArray[] sx,
            FeatureVector[] x,
            int[] y,
            int p,
            Options o,
            double[][] w,
            double[] b,
            PlattScaling[] platt) {
        int[] yi = new int[y.length];
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            yi[i] = y[i] == c ? 1 : -1;
            positives += y[i] == c ? 1 : 0;
        }
        if (positives < MIN_POSITIVES && positives < y.length) {
            // One or two examples give a degenerate hyperplane and cost a full LASVM pass each
            // (most
            // of the time with 70 classes); such classes get probability 0 here.
            return;
        }
        // LASVM's visiting order comes from Smile's per-thread generator: seed it per class, so the
        // result does not depend on which thread fits which class.
        MathEx.setSeed(o.seed() + c);
        SVM<SparseArray> m =
                SVM.fit(sx, yi, new SparseLinearKernel(), o.svmC(), 1e-3, o.svmEpochs());
        double[] wc = new double[p];
        SparseArray[] sv = m.vectors();
        double[] alpha = m.weights();
        for (int s = 0; s < sv.length; s++) {
            for (SparseArray.Entry e : sv[s]) {
                wc[e.i] += alpha[s] * e.x;
            }
        }
        double[] scores = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            scores[i] = dot(wc, x[i]) + m.intercept();
        }
        w[c] = wc;
        b[c] = m.intercept();
        platt[c] = PlattScaling.fit(scores, yi);
    }

    private static double dot(double[] w, FeatureVector x) {
        double s = 0;
        int[] idx = x.indices();
        double[] v = x.weights();
        for (int i = 0; i < idx.length; i++) {
            s += w[idx[i]] * v[i];
        }
        return s;
    }

    @Override
    public void posteriori(FeatureVector features, double[] out) {
        double sum = 0;
        for (int c = 0; c < w.length; c++) {
            out[c] = w[c] == null ? 0 : platt[c].scale(dot(w[c], features) + b[c]);
            sum += out[c];
        }
        if (sum > 0) {
            for (int c = 0; c < out.length; c++) {
                out[c] /= sum;
            }
        } else {
            Arrays.fill(out, 1.0 / out.length);
        }
    }
}
