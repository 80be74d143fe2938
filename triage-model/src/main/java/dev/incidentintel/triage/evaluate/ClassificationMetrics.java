package dev.incidentintel.triage.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix of predictions against
 * truth. Macro-F1 averages over the classes that occur in the truth or in the predictions (as
 * scikit-learn does), so a class the model never predicts counts as F1 = 0.
 *
 * @param classes class names, indexing {@code confusion}
 * @param confusion {@code confusion[truth][predicted]} counts
 */
public record ClassificationMetrics(List<String> classes, int[][] confusion) {

    public static ClassificationMetrics of(List<String> classes, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth and predicted differ in length");
        }
        int[][] c = new int[classes.size()][classes.size()];
        for (int i = 0; i < truth.length; i++) {
            c[truth[i]][predicted[i]]++;
        }
        return new ClassificationMetrics(List.copyOf(classes), c);
    }

    public int total() {
        int n = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    public double accuracy() {
        int right = 0;
        for (int i = 0; i < confusion.length; i++) {
            right += confusion[i][i];
        }
        int n = total();
        return n == 0 ? 0 : (double) right / n;
    }

    /** Per-class figures, in class order; only classes present in truth or predictions. */
    public List<ClassFigures> perClass() {
        List<ClassFigures> out = new ArrayList<>();
        for (int k = 0; k < confusion.length; k++) {
            int tp = confusion[k][k];
            int support = 0;
            int predicted = 0;
            for (int j = 0; j < confusion.length; j++) {
                support += confusion[k][j];
                predicted += confusion[j][k];
            }
            if (support == 0 && predicted == 0) {
                continue;
            }
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double r = support == 0 ? 0 : (double) tp / support;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            out.add(new ClassFigures(classes.get(k), p, r, f1, support));
        }
        return out;
    }

    public double macroF1() {
        List<ClassFigures> pc = perClass();
        return pc.isEmpty() ? 0 : pc.stream().mapToDouble(ClassFigures::f1).average().orElse(0);
    }

    /** Figures as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("macro_f1", macroF1());
        m.put("per_class", perClassMap());
        return m;
    }

    /** Per-class precision, recall, F1 and support keyed by class name, JSON-ready. */
    public Map<String, Object> perClassMap() {
        Map<String, Object> pc = new LinkedHashMap<>();
        for (ClassFigures f : perClass()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("precision", f.precision());
            v.put("recall", f.recall());
            v.put("f1", f.f1());
            v.put("support", f.support());
            pc.put(f.label(), v);
        }
        return pc;
    }

    /** One class's figures. */
    public record ClassFigures(
            String label, double precision, double recall, double f1, int support) {}
}
