package dev.incidentintel.triage.classify;

import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.features.FeatureVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.Classifier;
import smile.classification.Maxent;
import smile.classification.RandomForest;
import smile.classification.SparseLogisticRegression;
import smile.data.DataFrame;
import smile.data.SparseDataset;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.util.SparseArray;

/**
 * The classifiers compared by cross-validation, all fitted with Smile on the same compact features
 * (TF-IDF weights for the linear models that take weights, presence for maxent and the forest).
 * Labels are {@code 0..k-1}; a fold may lack some classes, so each scorer maps Smile's own class
 * order back to the target's.
 */
public enum Algorithm {
    /**
     * Multinomial logistic regression on L2-normalised TF-IDF weights (Smile's sparse L-BFGS one).
     */
    LOGISTIC("logistic"),
    /** Multinomial logistic regression (maximum entropy) on binary features. */
    MAXENT("maxent"),
    /** One-versus-rest linear SVM (Smile's LASVM) with Platt-scaled outputs. */
    LINEAR_SVM("linear_svm"),
    /** Random forest on the most frequent features as a dense binary matrix. */
    RANDOM_FOREST("random_forest");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Algorithm of(String id) {
        for (Algorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm " + id);
    }

    /** Fits on {@code x} (features in {@code [0,p)}) with labels {@code y} in {@code [0,k)}. */
    public Scorer fit(FeatureVector[] x, int[] y, int k, int p, Options o) {
        // Smile draws from a per-thread generator (LASVM's visiting order, the forest's bootstrap
        // samples): seeding it here makes every fit, in a CV fold or the final one, reproducible
        // whatever ran before on that thread.
        MathEx.setSeed(o.seed());
        int distinct = (int) Arrays.stream(y).distinct().count();
        if (distinct < 2) {
            return new ConstantScorer(k, distinct == 0 ? 0 : y[0]);
        }
        return switch (this) {
            case LOGISTIC -> LogisticScorer.fit(x, y, k, p, o);
            case MAXENT ->
                    new SmileScorer<>(
                            Maxent.fit(
                                    p, indices(x), y, o.maxentLambda(), 1e-5, o.maxentIterations()),
                            k);
            case LINEAR_SVM -> LinearSvmScorer.fit(x, y, k, p, o);
            case RANDOM_FOREST -> ForestScorer.fit(x, y, k, p, o);
        };
    }

    static int[][] indices(FeatureVector[] x) {
        int[][] out = new int[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].indices();
        }
        return out;
    }

    /** Smile's labels must be {@code 0..m-1}: the distinct labels present, ascending. */
    static int[] present(int[] y) {
        return Arrays.stream(y).distinct().sorted().toArray();
    }

    static int[] local(int[] y, int[] present) {
        int[] local = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            local[i] = Arrays.binarySearch(present, y[i]);
        }
        return local;
    }

    static void spread(double[] local, int[] classes, double[] out) {
        Arrays.fill(out, 0.0);
        for (int i = 0; i < classes.length; i++) {
            out[classes[i]] = local[i];
        }
    }

    /**
     * Sparse multinomial logistic regression on TF-IDF weights. The L2 penalty grows with the rows
     * (lambda per 1,000 rows), so a fold of a small selection sample and the final fit on every row
     * are regularised alike and the choice made on the sample holds for the final model.
     */
    static final class LogisticScorer implements Scorer {
        private static final long serialVersionUID = 1L;
        private final SparseLogisticRegression model;
        private final int[] classes;

        private LogisticScorer(SparseLogisticRegression model, int[] classes) {
            this.model = model;
            this.classes = classes;
        }

        static LogisticScorer fit(FeatureVector[] x, int[] y, int k, int p, Options o) {
            int[] present = present(y);
            List<SparseArray> rows = new ArrayList<>(x.length);
            for (FeatureVector v : x) {
                rows.add(v.sparse());
            }
            SparseLogisticRegression m =
                    SparseLogisticRegression.fit(
                            SparseDataset.of(rows, p),
                            local(y, present),
                            o.logisticLambda() * x.length / 1000.0,
                            1e-4,
                            o.logisticIterations());
            return new LogisticScorer(m, present);
        }

        @Override
        public void posteriori(FeatureVector features, double[] out) {
            double[] local = new double[classes.length];
            model.predict(features.sparse(), local);
            spread(local, classes, out);
        }
    }

    /** Wraps a soft Smile classifier. */
    static final class SmileScorer<C extends Classifier<int[]>> implements Scorer {
        private static final long serialVersionUID = 1L;
        private final C model;
        private final int[] classes;
        private final int k;

        SmileScorer(C model, int k) {
            this.model = model;
            this.classes = model.classes();
            this.k = k;
        }

        @Override
        public void posteriori(FeatureVector features, double[] out) {
            double[] local = new double[classes.length];
            model.predict(features.indices(), local);
            spread(local, classes, out);
        }
    }

    /** A training set with one class: always that class. */
    static final class ConstantScorer implements Scorer {
        private static final long serialVersionUID = 1L;
        private final int label;

        ConstantScorer(int k, int label) {
            this.label = label;
        }

        @Override
        public void posteriori(FeatureVector features, double[] out) {
            Arrays.fill(out, 0.0);
            out[label] = 1.0;
        }
    }

    /** Random forest over the {@code forestFeatures} most frequent hashed features. */
    static final class ForestScorer implements Scorer {
        private static final long serialVersionUID = 1L;
        private final RandomForest forest;
        private final int[] selected;
        private final StructType schema;
        private final int[] classes;

        private ForestScorer(
                RandomForest forest, int[] selected, StructType schema, int[] present) {
            this.forest = forest;
            this.selected = selected;
            this.schema = schema;
            int[] localClasses = forest.classes();
            this.classes = new int[localClasses.length];
            for (int i = 0; i < localClasses.length; i++) {
                classes[i] = present[localClasses[i]];
            }
        }

        static ForestScorer fit(FeatureVector[] x, int[] y, int k, int p, Options o) {
            int[] df = new int[p];
            for (FeatureVector row : x) {
                for (int f : row.indices()) {
                    df[f]++;
                }
            }
            Integer[] idx = new Integer[p];
            for (int i = 0; i < p; i++) {
                idx[i] = i;
            }
            Arrays.sort(
                    idx,
                    (a, b) ->
                            df[b] != df[a] ? Integer.compare(df[b], df[a]) : Integer.compare(a, b));
            int m = Math.min(o.forestFeatures(), p);
            int[] selected = new int[m];
            for (int i = 0; i < m; i++) {
                selected[i] = idx[i];
            }
            Arrays.sort(selected);
            double[][] dense = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                dense[i] = densify(x[i].indices(), selected);
            }
            String[] names = new String[m];
            for (int i = 0; i < m; i++) {
                names[i] = "f" + i;
            }
            // Smile's forest computes binary metrics on labels as given and fails for two classes
            // that
            // are not {0, 1}: train on contiguous local labels and map back.
            int[] present = present(y);
            DataFrame features = DataFrame.of(dense, names);
            DataFrame data = features.merge(IntVector.of("y", local(y, present)));
            int mtry = (int) Math.ceil(Math.sqrt(m));
            // Seeded per tree so that training (and the CV choice) is reproducible.
            LongStream seeds = new java.util.Random(o.seed()).longs(o.forestTrees());
            RandomForest rf =
                    RandomForest.fit(
                            Formula.lhs("y"),
                            data,
                            o.forestTrees(),
                            mtry,
                            SplitRule.GINI,
                            20,
                            500,
                            1,
                            1.0,
                            null,
                            seeds);
            return new ForestScorer(rf, selected, features.schema(), present);
        }

        private static double[] densify(int[] row, int[] selected) {
            double[] d = new double[selected.length];
            int i = 0;
            int j = 0;
            while (i < row.length && j < selected.length) {
                if (row[i] == selected[j]) {
                    d[j] = 1;
                    i++;
                    j++;
                } else if (row[i] < selected[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return d;
        }

        @Override
        public void posteriori(FeatureVector features, double[] out) {
            double[] local = new double[classes.length];
            forest.predict(Tuple.of(densify(features.indices(), selected), schema), local);
            spread(local, classes, out);
        }
    }
}
