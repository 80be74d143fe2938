package dev.incidentintel.triage;

import dev.incidentintel.triage.calibrate.IsotonicCalibrator;
import dev.incidentintel.triage.classify.Algorithm;
import dev.incidentintel.triage.classify.Scorer;
import dev.incidentintel.triage.classify.StratifiedFolds;
import dev.incidentintel.triage.classify.TargetModel;
import dev.incidentintel.triage.evaluate.ClassificationMetrics;
import dev.incidentintel.triage.features.TicketFeaturizer;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link TriageModel}: featurises every row once, then per target compares the candidate
 * classifiers by stratified k-fold cross-validation, keeps the most accurate (macro-F1 breaks ties),
 * fits the confidence calibrator on the winner's out-of-fold predictions and refits the winner on all
 * rows. Rows whose label for a target is null or blank do not take part in that target.
 */
public final class TriageTrainer {
  /** Orders labels numerically when they are integers ("2" before "10"), else alphabetically. */
  public static final Comparator<String> LABEL_ORDER = (a, b) -> {
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
    return new TicketFeaturizer(LuceneTokenizer.english(), o.hashBits(), o.bigrams(), o.maxTokens());
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
    int[][] x = new int[inputs.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = featurizer.binary(inputs.get(i));
      if (i % 500 == 0 || i == x.length - 1) {
        progress.progress("features", i + 1, x.length);
      }
    }
    Map<String, TargetModel> models = new LinkedHashMap<>();
    Map<String, ModelMetadata.TargetReport> reports = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : labels.entrySet()) {
      if (e.getValue().size() != inputs.size()) {
        throw new TriageException(e.getKey(), "target '" + e.getKey() + "' has " + e.getValue().size()
            + " labels for " + inputs.size() + " rows");
      }
      trainTarget(e.getKey(), x, e.getValue(), featurizer.dimension(), models, reports);
    }
    Map<String, String> opts = new LinkedHashMap<>();
    options.toProperties().forEach((k, v) -> opts.put((String) k, (String) v));
    ModelMetadata meta = new ModelMetadata(Instant.now().toString(), hash(inputs, labels),
        inputs.size(), Versions.smile(), Versions.lucene(), opts, reports);
    return new TriageModel(options, models, meta);
  }

  private void trainTarget(String target, int[][] allX, List<String> allLabels, int p,
      Map<String, TargetModel> models, Map<String, ModelMetadata.TargetReport> reports) {
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
    int[][] x = new int[n][];
    int[] y = new int[n];
    for (int r = 0; r < n; r++) {
      x[r] = allX[rows.get(r)];
      y[r] = index.get(allLabels.get(rows.get(r)).trim());
    }
    int[] fold = StratifiedFolds.assign(y, k, options.folds(), options.seed());

    Algorithm best = null;
    CvResult bestCv = null;
    Map<String, Map<String, Double>> candidates = new LinkedHashMap<>();
    for (String id : options.candidates()) {
      Algorithm alg = Algorithm.of(id);
      CvResult cv;
      try {
        cv = crossValidate(target, alg, x, y, k, p, fold);
      } catch (RuntimeException e) {
        // One failing candidate (Smile's forest rejects some tiny folds) must not stop training.
        LOG.warn("candidate {} failed on target {}: {}", id, target, e.toString());
        continue;
      }
      ClassificationMetrics m = ClassificationMetrics.of(classes, y, cv.predicted);
      cv.metrics = m;
      candidates.put(id, Map.of("accuracy", m.accuracy(), "macro_f1", m.macroF1()));
      if (bestCv == null || m.accuracy() > bestCv.metrics.accuracy()
          || (m.accuracy() == bestCv.metrics.accuracy() && m.macroF1() > bestCv.metrics.macroF1())) {
        best = alg;
        bestCv = cv;
      }
    }
    if (bestCv == null) {
      throw new TriageException(target, "every candidate failed on target '" + target + "'");
    }
    boolean[] correct = new boolean[n];
    for (int r = 0; r < n; r++) {
      correct[r] = bestCv.predicted[r] == y[r];
    }
    IsotonicCalibrator calibrator = IsotonicCalibrator.fit(bestCv.topScore, correct);
    progress.progress("fit " + target + " " + best.id(), 0, 1);
    Scorer scorer = best.fit(x, y, k, p, options);
    progress.progress("fit " + target + " " + best.id(), 1, 1);
    models.put(target, new TargetModel(target, classes, best, scorer, calibrator,
        options.abstainThreshold()));

    int kept = 0;
    int keptRight = 0;
    for (int r = 0; r < n; r++) {
      if (calibrator.confidence(bestCv.topScore[r]) >= options.abstainThreshold()) {
        kept++;
        keptRight += correct[r] ? 1 : 0;
      }
    }
    reports.put(target, new ModelMetadata.TargetReport(best.id(), k, bestCv.metrics.accuracy(),
        bestCv.metrics.macroF1(), candidates, bestCv.metrics.perClassMap(), options.abstainThreshold(),
        kept == 0 ? 0 : (double) keptRight / kept, (double) kept / n));
  }

  private CvResult crossValidate(String target, Algorithm alg, int[][] x, int[] y, int k, int p,
      int[] fold) {
    int n = x.length;
    CvResult cv = new CvResult(n);
    double[] post = new double[k];
    for (int f = 0; f < options.folds(); f++) {
      progress.progress("cv " + target + " " + alg.id(), f, options.folds());
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        (fold[i] == f ? test : train).add(i);
      }
      if (test.isEmpty()) {
        continue;
      }
      int[][] tx = new int[train.size()][];
      int[] ty = new int[train.size()];
      for (int i = 0; i < tx.length; i++) {
        tx[i] = x[train.get(i)];
        ty[i] = y[train.get(i)];
      }
      Scorer s = alg.fit(tx, ty, k, p, options);
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
    progress.progress("cv " + target + " " + alg.id(), options.folds(), options.folds());
    return cv;
  }

  /** SHA-256 over the rows' text fields and labels, so two artifacts can be traced to their data. */
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

  private static final class CvResult {
    final int[] predicted;
    final double[] topScore;
    ClassificationMetrics metrics;

    CvResult(int n) {
      predicted = new int[n];
      topScore = new double[n];
    }
  }
}
