package dev.incidentintel.triage.evaluate;

import dev.incidentintel.triage.ModelMetadata;
import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.Prediction;
import dev.incidentintel.triage.ProgressListener;
import dev.incidentintel.triage.TriageException;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import dev.incidentintel.triage.TriageTrainer;
import dev.incidentintel.triage.classify.NaiveBayesBaseline;
import dev.incidentintel.triage.classify.StratifiedFolds;
import dev.incidentintel.triage.classify.TargetModel;
import dev.incidentintel.triage.features.TicketFeaturizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smile.util.SparseArray;

/**
 * Evaluates one target on a train/test split: the trained model (with its cross-validated
 * classifier choice and calibration done on the training part only) against multinomial Naive Bayes
 * fitted on the same training rows and features, plus precision and coverage at the abstain
 * threshold.
 */
public final class TriageEvaluation {
    private TriageEvaluation() {}

    /**
     * A seeded stratified split of one table's rows: rows whose fold (out of {@code
     * 1/testFraction}) is 0 are the test part. Returns the test mask.
     */
    public static boolean[] split(List<String> labels, double testFraction, long seed) {
        List<String> classes = new ArrayList<>(new java.util.TreeSet<>(labels));
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            idx.put(classes.get(i), i);
        }
        int[] y = labels.stream().mapToInt(idx::get).toArray();
        int folds = (int) Math.round(1 / testFraction);
        int[] f = StratifiedFolds.assign(y, classes.size(), folds, seed);
        boolean[] test = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            test[i] = f[i] == 0;
        }
        return test;
    }

    /** Trains on the train part, measures on the test part. Blank labels are dropped from both. */
    public static Report run(
            String target,
            List<TriageInput> trainX,
            List<String> trainY,
            List<TriageInput> testX,
            List<String> testY,
            Options options,
            ProgressListener progress) {
        List<TriageInput> tx = new ArrayList<>();
        List<String> ty = new ArrayList<>();
        keepLabelled(trainX, trainY, tx, ty);
        List<TriageInput> ex = new ArrayList<>();
        List<String> ey = new ArrayList<>();
        keepLabelled(testX, testY, ex, ey);
        if (ex.isEmpty()) {
            throw new TriageException("test", "no labelled test rows");
        }
        long t0 = System.nanoTime();
        TriageModel model = new TriageTrainer(options, progress).train(tx, Map.of(target, ty));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        TargetModel tm = model.target(target);

        // Test labels unseen in training get their own class so they count as errors, not crashes.
        List<String> classes = new ArrayList<>(tm.classes());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        for (String l : ey) {
            if (!index.containsKey(l)) {
                index.put(l, classes.size());
                classes.add(l);
            }
        }
        int n = ex.size();
        int[] truth = new int[n];
        int[] pred = new int[n];
        int kept = 0;
        int keptRight = 0;
        long i0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            truth[i] = index.get(ey.get(i));
            Prediction p = tm.predict(model.features(ex.get(i)));
            pred[i] = index.get(p.label());
            if (!p.abstain()) {
                kept++;
                keptRight += pred[i] == truth[i] ? 1 : 0;
            }
            if (i % 500 == 0 || i == n - 1) {
                progress.progress("predict " + target, i + 1, n);
            }
        }
        double inferSeconds = (System.nanoTime() - i0) / 1e9;
        ClassificationMetrics metrics = ClassificationMetrics.of(classes, truth, pred);

        TicketFeaturizer fz = TriageTrainer.featurizer(options);
        SparseArray[] nbX = new SparseArray[tx.size()];
        int[] nbY = new int[tx.size()];
        for (int i = 0; i < nbX.length; i++) {
            nbX[i] = fz.counts(tx.get(i));
            nbY[i] = index.get(ty.get(i).trim());
        }
        NaiveBayesBaseline nb =
                NaiveBayesBaseline.fit(
                        nbX, nbY, classes.size(), fz.dimension(), options.nbSmoothing());
        int[] nbPred = new int[n];
        for (int i = 0; i < n; i++) {
            nbPred[i] = nb.predict(fz.counts(ex.get(i)));
        }
        ClassificationMetrics baseline = ClassificationMetrics.of(classes, truth, nbPred);
        return new Report(
                target,
                tx.size(),
                n,
                model.metadata().targets().get(target),
                metrics,
                baseline,
                nb.fallbacks(),
                options.abstainThreshold(),
                kept == 0 ? 0 : (double) keptRight / kept,
                (double) kept / n,
                trainSeconds,
                n / Math.max(inferSeconds, 1e-9));
    }

    private static void keepLabelled(
            List<TriageInput> x, List<String> y, List<TriageInput> ox, List<String> oy) {
        if (x.size() != y.size()) {
            throw new TriageException("target", x.size() + " rows but " + y.size() + " labels");
        }
        for (int i = 0; i < x.size(); i++) {
            String l = y.get(i);
            if (l != null && !l.isBlank()) {
                ox.add(x.get(i));
                oy.add(l.trim());
            }
        }
    }

    /**
     * Figures of one evaluation.
     *
     * @param target evaluated target
     * @param trainRows labelled training rows
     * @param testRows labelled test rows
     * @param selection cross-validated model selection on the training rows
     * @param model test figures of the trained model
     * @param baseline test figures of multinomial Naive Bayes
     * @param baselineFallbacks test rows where Naive Bayes gave no valid class (majority used)
     * @param abstainThreshold calibrated-confidence threshold
     * @param precisionAtThreshold test accuracy among rows that did not abstain
     * @param coverageAtThreshold fraction of test rows that did not abstain
     * @param trainSeconds wall time of training (cross-validation, calibration, final fit)
     * @param inferencePerSecond test rows predicted per second on one thread (featurising included)
     */
    public record Report(
            String target,
            int trainRows,
            int testRows,
            ModelMetadata.TargetReport selection,
            ClassificationMetrics model,
            ClassificationMetrics baseline,
            int baselineFallbacks,
            double abstainThreshold,
            double precisionAtThreshold,
            double coverageAtThreshold,
            double trainSeconds,
            double inferencePerSecond) {

        /** All figures with the keys of the {@code --json} output. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", target);
            m.put("train_rows", trainRows);
            m.put("test_rows", testRows);
            m.put("algorithm", selection.algorithm());
            m.put("accuracy", model.accuracy());
            m.put("macro_f1", model.macroF1());
            m.put("baseline_accuracy", baseline.accuracy());
            m.put("baseline_macro_f1", baseline.macroF1());
            m.put("baseline_fallbacks", baselineFallbacks);
            m.put("abstain_threshold", abstainThreshold);
            m.put("precision_at_threshold", precisionAtThreshold);
            m.put("coverage_at_threshold", coverageAtThreshold);
            m.put("cv_rows", selection.cvRows());
            m.put("cv_candidates", selection.candidates());
            m.put("per_class", model.perClassMap());
            m.put("baseline_per_class", baseline.perClassMap());
            m.put("classes", model.classes());
            m.put("confusion_matrix", model.confusion());
            m.put("baseline_confusion_matrix", baseline.confusion());
            m.put("train_seconds", trainSeconds);
            m.put("inference_per_second", inferencePerSecond);
            return m;
        }
    }
}
