package dev.incidentintel.triage;

import dev.incidentintel.triage.calibrate.IsotonicCalibrator;
import dev.incidentintel.triage.classify.Algorithm;
import dev.incidentintel.triage.classify.Scorer;
import dev.incidentintel.triage.classify.StratifiedFolds;
import dev.incidentintel.triage.classify.TargetModel;
import dev.incidentintel.triage.evaluate.ClassificationMetrics;
import dev.incidentintel.triage.features.FeatureVector;
import dev.incidentintel.triage.features.TicketFeaturizer;
import dev.incidentintel.triage.features.Vocabulary;
import dev.incidentintel.triage.lucene.LuceneTokenizer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.util.SparseArray;

/**
 * Trains a {@link TriageModel}: featurises every row once (hashed counts, then the compact {@link
 * Vocabulary} of the most frequent features with TF-IDF weights), then per target compares the
 * candidate classifiers by stratified k-fold cross-validation on a stratified sample of at most
 * {@code selectionRows} rows (folds fitted in parallel), keeps the first candidate within one
 * standard error of the most accurate ({@link #choose}), fits the confidence calibrator on the
 * winner's out-of-fold predictions and refits the winner on all rows. Rows whose label for a target
 * is null or blank do not take part in that target.
 */
public final class TriageTrainer {
    /** Orders labels numerically when they are integers ("2" before "10"), else alphabetically. */
    public static final Comparator<String> LABEL_ORDER =
            (a, b) -> {
                boolean na = a.matches("-?\\d{1,9}");
                boolean nb = b.matches("-?\\d{1,9}");
                if (na && nb) {
                    return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
                }
                return na != nb ? (na ? -1 : 1) : a.compareTo(b);
            };

    private static final Logger LOG = LoggerFactory.getLogger(TriageTrainer.class);
    private final Options options;
    private final ProgressListener progress;

    public TriageTrainer(Options options, ProgressListener progress) {
        this.options = options;
        this.progress = progress;
    }

    /** The featurizer a model trained with {@code o} uses. */
    public static TicketFeaturizer featurizer(Options o) {
        return new TicketFeaturizer(
                LuceneTokenizer.english(), o.hashBits(), o.bigrams(), o.maxTokens());
    }

    /**
     * Trains one model per entry of {@code labels} (target name to one label per input row).
     *
     * @throws TriageException when a label list does not match the inputs or a target has no rows
     */
    public TriageModel train(List<TriageInput> inputs, Map<String, List<String>> labels) {
        if (inputs.isEmpty()) {
            throw new TriageException("data", "no training rows");
        }
        if (labels.isEmpty()) {
            throw new TriageException("target", "no target to train");
        }
        TicketFeaturizer featurizer = featurizer(options);
        List<SparseArray> counts = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            counts.add(featurizer.counts(inputs.get(i)));
            if (i % 500 == 0 || i == inputs.size() - 1) {
                progress.progress("features", i + 1, inputs.size());
            }
        }
        Vocabulary vocabulary =
                Vocabulary.fit(counts, featurizer.dimension(), options.maxFeatures());
        FeatureVector[] x = counts.stream().map(vocabulary::apply).toArray(FeatureVector[]::new);
        Map<String, TargetModel> models = new LinkedHashMap<>();
        Map<String, ModelMetadata.TargetReport> reports = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : labels.entrySet()) {
            if (e.getValue().size() != inputs.size()) {
                throw new TriageException(
                        e.getKey(),
                        "target '"
                                + e.getKey()
                                + "' has "
                                + e.getValue().size()
                                + " labels for "
                                + inputs.size()
                                + " rows");
            }
            trainTarget(e.getKey(), x, e.getValue(), vocabulary.dimension(), models, reports);
        }
        Map<String, String> opts = new LinkedHashMap<>();
        options.toProperties().forEach((k, v) -> opts.put((String) k, (String) v));
        ModelMetadata meta =
                new ModelMetadata(
                        Instant.now().toString(),
                        hash(inputs, labels),
                        inputs.size(),
                        Versions.smile(),
                        Versions.lucene(),
                        opts,
                        reports);
        return new TriageModel(options, vocabulary, models, meta);
    }

    private void trainTarget(
            String target,
            FeatureVector[] allX,
            List<String> allLabels,
            int p,
            Map<String, TargetModel> models,
            Map<String, ModelMetadata.TargetReport> reports) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < allLabels.size(); i++) {
            String l = allLabels.get(i);
            if (l != null && !l.isBlank()) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            throw new TriageException(target, "target '" + target + "' has no labelled rows");
        }
        TreeSet<String> classSet = new TreeSet<>(LABEL_ORDER);
        rows.forEach(i -> classSet.add(allLabels.get(i).trim()));
        List<String> classes = List.copyOf(classSet);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int n = rows.size();
        int k = classes.size();
        FeatureVector[] x = new FeatureVector[n];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            x[r] = allX[rows.get(r)];
            y[r] = index.get(allLabels.get(rows.get(r)).trim());
        }
        // Model selection and calibration on a stratified sample: the cost of comparing the
        // candidates
        // stays bounded whatever the data size; the winner is refitted on every row below.
        int[] sample = selectionSample(y, k);
        FeatureVector[] sx = new FeatureVector[sample.length];
        int[] sy = new int[sample.length];
        for (int r = 0; r < sample.length; r++) {
            sx[r] = x[sample[r]];
            sy[r] = y[sample[r]];
        }
        int[] fold = StratifiedFolds.assign(sy, k, options.folds(), options.seed());

        Map<Algorithm, CvResult> results = new LinkedHashMap<>();
        Map<String, Map<String, Double>> candidates = new LinkedHashMap<>();
        for (String id : options.candidates()) {
            Algorithm alg = Algorithm.of(id);
            CvResult cv;
            try {
                cv = crossValidate(target, alg, sx, sy, k, p, fold);
            } catch (RuntimeException e) {
                // One failing candidate (Smile's forest rejects some tiny folds) must not stop
                // training.
                LOG.warn("candidate {} failed on target {}: {}", id, target, e.toString());
                continue;
            }
            ClassificationMetrics m = ClassificationMetrics.of(classes, sy, cv.predicted);
            cv.metrics = m;
            candidates.put(id, Map.of("accuracy", m.accuracy(), "macro_f1", m.macroF1()));
            results.put(alg, cv);
        }
        Algorithm best = choose(results, sy.length);
        CvResult bestCv = results.get(best);
        if (bestCv == null) {
            throw new TriageException(target, "every candidate failed on target '" + target + "'");
        }
        int m = sy.length;
        boolean[] correct = new boolean[m];
        for (int r = 0; r < m; r++) {
            correct[r] = bestCv.predicted[r] == sy[r];
        }
        IsotonicCalibrator calibrator = IsotonicCalibrator.fit(bestCv.topScore, correct);
        progress.progress("fit " + target + " " + best.id(), 0, 1);
        Scorer scorer = best.fit(x, y, k, p, options);
        progress.progress("fit " + target + " " + best.id(), 1, 1);
        models.put(
                target,
                new TargetModel(
                        target, classes, best, scorer, calibrator, options.abstainThreshold()));

        int kept = 0;
        int keptRight = 0;
        for (int r = 0; r < m; r++) {
            if (calibrator.confidence(bestCv.topScore[r]) >= options.abstainThreshold()) {
                kept++;
                keptRight += correct[r] ? 1 : 0;
            }
        }
        reports.put(
                target,
                new ModelMetadata.TargetReport(
                        best.id(),
                        k,
                        m,
                        bestCv.metrics.accuracy(),
                        bestCv.metrics.macroF1(),
                        candidates,
                        bestCv.metrics.perClassMap(),
                        options.abstainThreshold(),
                        kept == 0 ? 0 : (double) keptRight / kept,
                        (double) kept / m));
    }

    /**
     * The one-standard-error rule: the first candidate (in the configured order, simplest and
     * cheapest first) whose CV accuracy is within one standard error of the best accuracy;
     * differences smaller than that are noise on a sample of {@code m} rows. Null when every
     * candidate failed.
     */
    static Algorithm choose(Map<Algorithm, CvResult> results, int m) {
        double top =
                results.values().stream()
                        .mapToDouble(r -> r.metrics.accuracy())
                        .max()
                        .orElse(Double.NaN);
        double se = Math.sqrt(top * (1 - top) / Math.max(m, 1));
        for (Map.Entry<Algorithm, CvResult> e : results.entrySet()) {
            if (e.getValue().metrics.accuracy() >= top - se) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Row numbers of the stratified selection sample (every row when there are few enough). */
    private int[] selectionSample(int[] y, int k) {
        int n = y.length;
        if (n <= options.selectionRows()) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int parts = (int) Math.ceil((double) n / options.selectionRows());
        int[] part = StratifiedFolds.assign(y, k, parts, options.seed() + 1);
        return java.util.stream.IntStream.range(0, n).filter(i -> part[i] == 0).toArray();
    }

    private CvResult crossValidate(
            String target, Algorithm alg, FeatureVector[] x, int[] y, int k, int p, int[] fold) {
        int n = x.length;
        CvResult cv = new CvResult(n);
        int threads =
                options.threads() > 0
                        ? options.threads()
                        : Runtime.getRuntime().availableProcessors();
        java.util.concurrent.atomic.AtomicInteger done =
                new java.util.concurrent.atomic.AtomicInteger();
        progress.progress("cv " + target + " " + alg.id(), 0, options.folds());
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Math.min(threads, options.folds())));
        try {
            // Each fold writes only its own test rows of cv, so the folds can run at once.
            pool.submit(
                            () ->
                                    java.util.stream.IntStream.range(0, options.folds())
                                            .parallel()
                                            .forEach(
                                                    f -> {
                                                        fitFold(alg, x, y, k, p, fold, f, cv);
                                                        progress.progress(
                                                                "cv " + target + " " + alg.id(),
                                                                done.incrementAndGet(),
                                                                options.folds());
                                                    }))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriageException(target, "interrupted during cross-validation", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return cv;
    }

    private void fitFold(
            Algorithm alg,
            FeatureVector[] x,
            int[] y,
            int k,
            int p,
            int[] fold,
            int f,
            CvResult cv) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            (fold[i] == f ? test : train).add(i);
        }
        if (test.isEmpty()) {
            return;
        }
        FeatureVector[] tx = new FeatureVector[train.size()];
        int[] ty = new int[train.size()];
        for (int i = 0; i < tx.length; i++) {
            tx[i] = x[train.get(i)];
            ty[i] = y[train.get(i)];
        }
        Scorer s = alg.fit(tx, ty, k, p, options);
        double[] post = new double[k];
        for (int i : test) {
            s.posteriori(x[i], post);
            int b = 0;
            for (int c = 1; c < k; c++) {
                if (post[c] > post[b]) {
                    b = c;
                }
            }
            cv.predicted[i] = b;
            cv.topScore[i] = post[b];
        }
    }

    /**
     * SHA-256 over the rows' text fields and labels, so two artifacts can be traced to their data.
     */
    static String hash(List<TriageInput> inputs, Map<String, List<String>> labels) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Function<String, byte[]> b = s -> (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < inputs.size(); i++) {
                TriageInput in = inputs.get(i);
                md.update(b.apply(in.title()));
                md.update((byte) 0);
                md.update(b.apply(in.description()));
                md.update((byte) 0);
                for (Map.Entry<String, List<String>> e : labels.entrySet()) {
                    md.update(b.apply(e.getKey() + "=" + e.getValue().get(i)));
                    md.update((byte) 0);
                }
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static final class CvResult {
        final int[] predicted;
        final double[] topScore;
        ClassificationMetrics metrics;

        CvResult(int n) {
            predicted = new int[n];
            topScore = new double[n];
        }
    }
}
