package dev.incidentintel.triage.classify;

import dev.incidentintel.triage.Options;
import java.util.Arrays;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.Classifier;
import smile.classification.Maxent;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.util.SparseArray;

/**
 * The classifiers compared by cross-validation, all fitted with Smile on the same hashed features.
 * Labels are {@code 0..k-1}; a fold may lack some classes, so each scorer maps Smile's own class
 * order back to the target's.
 */
public enum Algorithm {
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

  /** Fits on {@code x} (sorted feature indices in {@code [0,p)}) with labels {@code y} in {@code [0,k)}. */
  public Scorer fit(int[][] x, int[] y, int k, int p, Options o) {
    int distinct = (int) Arrays.stream(y).distinct().count();
    if (distinct < 2) {
      return new ConstantScorer(k, distinct == 0 ? 0 : y[0]);
    }
    return switch (this) {
      case MAXENT -> new SmileScorer<>(
          Maxent.fit(p, x, y, o.maxentLambda(), 1e-5, o.maxentIterations()), k);
      case LINEAR_SVM -> LinearSvmScorer.fit(x, y, k, p, o);
      case RANDOM_FOREST -> ForestScorer.fit(x, y, k, p, o);
    };
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
    public void posteriori(int[] features, double[] out) {
      double[] local = new double[classes.length];
      model.predict(features, local);
      Arrays.fill(out, 0.0);
      for (int i = 0; i < classes.length; i++) {
        out[classes[i]] = local[i];
      }
    }
  }

  static SparseArray sparse(int[] features) {
    SparseArray a = new SparseArray(features.length);
    for (int f : features) {
      a.append(f, 1.0);
    }
    return a;
  }

  /** A training set with one class: always that class. */
  static final class ConstantScorer implements Scorer {
    private static final long serialVersionUID = 1L;
    private final int label;

    ConstantScorer(int k, int label) {
      this.label = label;
    }

    @Override
    public void posteriori(int[] features, double[] out) {
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

    private ForestScorer(RandomForest forest, int[] selected, StructType schema, int[] present) {
      this.forest = forest;
      this.selected = selected;
      this.schema = schema;
      int[] localClasses = forest.classes();
      this.classes = new int[localClasses.length];
      for (int i = 0; i < localClasses.length; i++) {
        classes[i] = present[localClasses[i]];
      }
    }

    static ForestScorer fit(int[][] x, int[] y, int k, int p, Options o) {
      int[] df = new int[p];
      for (int[] row : x) {
        for (int f : row) {
          df[f]++;
        }
      }
      Integer[] idx = new Integer[p];
      for (int i = 0; i < p; i++) {
        idx[i] = i;
      }
      Arrays.sort(idx, (a, b) -> df[b] != df[a] ? Integer.compare(df[b], df[a]) : Integer.compare(a, b));
      int m = Math.min(o.forestFeatures(), p);
      int[] selected = new int[m];
      for (int i = 0; i < m; i++) {
        selected[i] = idx[i];
      }
      Arrays.sort(selected);
      double[][] dense = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        dense[i] = densify(x[i], selected);
      }
      String[] names = new String[m];
      for (int i = 0; i < m; i++) {
        names[i] = "f" + i;
      }
      // Smile's forest computes binary metrics on labels as given and fails for two classes that
      // are not {0, 1}: train on contiguous local labels and map back.
      int[] present = Arrays.stream(y).distinct().sorted().toArray();
      int[] local = new int[y.length];
      for (int i = 0; i < y.length; i++) {
        local[i] = Arrays.binarySearch(present, y[i]);
      }
      DataFrame features = DataFrame.of(dense, names);
      DataFrame data = features.merge(IntVector.of("y", local));
      int mtry = (int) Math.ceil(Math.sqrt(m));
      // Seeded per tree so that training (and the CV choice) is reproducible.
      LongStream seeds = new java.util.Random(o.seed()).longs(o.forestTrees());
      RandomForest rf = RandomForest.fit(Formula.lhs("y"), data, o.forestTrees(), mtry,
          SplitRule.GINI, 20, 500, 1, 1.0, null, seeds);
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
    public void posteriori(int[] features, double[] out) {
      double[] local = new double[classes.length];
      forest.predict(Tuple.of(densify(features, selected), schema), local);
      Arrays.fill(out, 0.0);
      for (int i = 0; i < classes.length; i++) {
        out[classes[i]] = local[i];
      }
    }
  }
}
