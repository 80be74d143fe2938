package dev.incidentintel.triage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Hyper-parameters of feature extraction, model selection and abstention. Stored inside the model
 * artifact so that inference uses exactly the features the model was trained on.
 *
 * @param hashBits feature-hashing width: 2^hashBits buckets bound the memory whatever the
 *     vocabulary
 * @param bigrams also hash adjacent stem pairs
 * @param maxTokens tokens read per field; long bodies are cut for bounded inference time
 * @param maxFeatures most frequent hashed features kept as the model's compact feature space
 * @param folds cross-validation folds for model selection and calibration
 * @param selectionRows rows (a seeded stratified sample when there are more) on which the
 *     candidates are compared by cross-validation and the calibrator is fitted; the winner is then
 *     fitted on all
 * @param threads cross-validation folds fitted at once (0: one per available processor)
 * @param seed seed of every random choice (folds, splits, forests, the linear SVM's visiting order)
 * @param abstainThreshold calibrated confidence below which a suggestion abstains
 * @param candidates classifiers compared by cross-validation: logistic, maxent, linear_svm,
 *     random_forest
 * @param logisticLambda L2 regularisation of the TF-IDF logistic regression per 1,000 training rows
 * @param logisticIterations maximum L-BFGS iterations of the TF-IDF logistic regression
 * @param maxentLambda L2 regularisation of maximum entropy
 * @param maxentIterations maximum L-BFGS iterations of maximum entropy
 * @param svmC soft-margin penalty of the linear SVM
 * @param svmEpochs LASVM passes over the data
 * @param forestTrees trees of the random forest
 * @param forestFeatures most frequent hashed features kept as the forest's dense input
 * @param nbSmoothing additive smoothing of the multinomial Naive Bayes baseline
 */
public record Options(
        int hashBits,
        boolean bigrams,
        int maxTokens,
        int maxFeatures,
        int folds,
        int selectionRows,
        int threads,
        long seed,
        double abstainThreshold,
        List<String> candidates,
        double logisticLambda,
        int logisticIterations,
        double maxentLambda,
        int maxentIterations,
        double svmC,
        int svmEpochs,
        int forestTrees,
        int forestFeatures,
        double nbSmoothing) {

    /** Classifier names accepted in {@link #candidates()}. */
    public static final List<String> KNOWN_CANDIDATES =
            List.of("logistic", "maxent", "linear_svm", "random_forest");

    public Options {
        if (hashBits < 8 || hashBits > 22) {
            throw new TriageException(
                    "triage.hash_bits", "hash_bits must be in [8,22]: " + hashBits);
        }
        if (maxTokens < 1) {
            throw new TriageException("triage.max_tokens", "max_tokens must be >= 1: " + maxTokens);
        }
        if (maxFeatures < 1) {
            throw new TriageException(
                    "triage.max_features", "max_features must be >= 1: " + maxFeatures);
        }
        if (folds < 2) {
            throw new TriageException("triage.folds", "folds must be >= 2: " + folds);
        }
        if (selectionRows < 2 * folds) {
            throw new TriageException(
                    "triage.selection_rows",
                    "selection_rows must be >= 2 x folds: " + selectionRows);
        }
        if (threads < 0) {
            throw new TriageException("triage.threads", "threads must be >= 0: " + threads);
        }
        if (!(abstainThreshold >= 0 && abstainThreshold <= 1)) {
            throw new TriageException(
                    "triage.abstain_threshold",
                    "abstain_threshold must be in [0,1]: " + abstainThreshold);
        }
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new TriageException("triage.candidates", "candidates must not be empty");
        }
        for (String c : candidates) {
            if (!KNOWN_CANDIDATES.contains(c)) {
                throw new TriageException(
                        "triage.candidates",
                        "unknown candidate '" + c + "', expected one of " + KNOWN_CANDIDATES);
            }
        }
        if (!(logisticLambda >= 0)) {
            throw new TriageException(
                    "triage.logistic.lambda", "logistic.lambda must be >= 0: " + logisticLambda);
        }
        if (logisticIterations < 1) {
            throw new TriageException(
                    "triage.logistic.iterations", "must be >= 1: " + logisticIterations);
        }
        if (!(maxentLambda >= 0)) {
            throw new TriageException(
                    "triage.maxent.lambda", "maxent.lambda must be >= 0: " + maxentLambda);
        }
        if (maxentIterations < 1) {
            throw new TriageException(
                    "triage.maxent.iterations", "must be >= 1: " + maxentIterations);
        }
        if (!(svmC > 0)) {
            throw new TriageException("triage.svm.c", "svm.c must be > 0: " + svmC);
        }
        if (svmEpochs < 1) {
            throw new TriageException("triage.svm.epochs", "svm.epochs must be >= 1: " + svmEpochs);
        }
        if (forestTrees < 1) {
            throw new TriageException(
                    "triage.forest.trees", "forest.trees must be >= 1: " + forestTrees);
        }
        if (forestFeatures < 2) {
            throw new TriageException(
                    "triage.forest.features", "forest.features must be >= 2: " + forestFeatures);
        }
        if (!(nbSmoothing > 0)) {
            throw new TriageException(
                    "triage.nb.smoothing", "nb.smoothing must be > 0: " + nbSmoothing);
        }
    }

    /** The defaults used by {@code incident-intel train}. */
    public static Options defaults() {
        return of(new Properties());
    }

    /** Reads {@code triage.*} keys; missing keys take their defaults. */
    public static Options of(Properties p) {
        return new Options(
                Integer.parseInt(p.getProperty("triage.hash_bits", "16")),
                Boolean.parseBoolean(p.getProperty("triage.bigrams", "true")),
                Integer.parseInt(p.getProperty("triage.max_tokens", "200")),
                Integer.parseInt(p.getProperty("triage.max_features", "3000")),
                Integer.parseInt(p.getProperty("triage.folds", "5")),
                Integer.parseInt(p.getProperty("triage.selection_rows", "1000")),
                Integer.parseInt(p.getProperty("triage.threads", "0")),
                Long.parseLong(p.getProperty("triage.seed", "42")),
                Double.parseDouble(p.getProperty("triage.abstain_threshold", "0.5")),
                Arrays.stream(
                                p.getProperty(
                                                "triage.candidates",
                                                "logistic,linear_svm,random_forest")
                                        .split(","))
                        .map(s -> s.trim().toLowerCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .toList(),
                Double.parseDouble(p.getProperty("triage.logistic.lambda", "0.025")),
                Integer.parseInt(p.getProperty("triage.logistic.iterations", "60")),
                Double.parseDouble(p.getProperty("triage.maxent.lambda", "0.1")),
                Integer.parseInt(p.getProperty("triage.maxent.iterations", "200")),
                Double.parseDouble(p.getProperty("triage.svm.c", "1.0")),
                Integer.parseInt(p.getProperty("triage.svm.epochs", "1")),
                Integer.parseInt(p.getProperty("triage.forest.trees", "50")),
                Integer.parseInt(p.getProperty("triage.forest.features", "400")),
                Double.parseDouble(p.getProperty("triage.nb.smoothing", "1.0")));
    }

    /** The inverse of {@link #of(Properties)}. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("triage.hash_bits", Integer.toString(hashBits));
        p.setProperty("triage.bigrams", Boolean.toString(bigrams));
        p.setProperty("triage.max_tokens", Integer.toString(maxTokens));
        p.setProperty("triage.max_features", Integer.toString(maxFeatures));
        p.setProperty("triage.folds", Integer.toString(folds));
        p.setProperty("triage.selection_rows", Integer.toString(selectionRows));
        p.setProperty("triage.threads", Integer.toString(threads));
        p.setProperty("triage.seed", Long.toString(seed));
        p.setProperty("triage.abstain_threshold", Double.toString(abstainThreshold));
        p.setProperty("triage.candidates", String.join(",", candidates));
        p.setProperty("triage.logistic.lambda", Double.toString(logisticLambda));
        p.setProperty("triage.logistic.iterations", Integer.toString(logisticIterations));
        p.setProperty("triage.maxent.lambda", Double.toString(maxentLambda));
        p.setProperty("triage.maxent.iterations", Integer.toString(maxentIterations));
        p.setProperty("triage.svm.c", Double.toString(svmC));
        p.setProperty("triage.svm.epochs", Integer.toString(svmEpochs));
        p.setProperty("triage.forest.trees", Integer.toString(forestTrees));
        p.setProperty("triage.forest.features", Integer.toString(forestFeatures));
        p.setProperty("triage.nb.smoothing", Double.toString(nbSmoothing));
        return p;
    }

    /** A copy with another candidate list. */
    public Options withCandidates(List<String> newCandidates) {
        Properties p = toProperties();
        p.setProperty("triage.candidates", String.join(",", newCandidates));
        return of(p);
    }

    /** A copy with another abstain threshold. */
    public Options withAbstainThreshold(double threshold) {
        Properties p = toProperties();
        p.setProperty("triage.abstain_threshold", Double.toString(threshold));
        return of(p);
    }
}
