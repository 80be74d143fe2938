package dev.incidentintel.triage;

import java.util.Map;

/**
 * What a model artifact says about itself; also written next to it as {@code metadata.json}.
 *
 * @param createdAt ISO-8601 instant of training
 * @param trainingDataSha256 SHA-256 over the training rows (text fields and labels, in order)
 * @param trainingRows number of training rows
 * @param smileVersion Smile version the classifiers were fitted with
 * @param luceneVersion Lucene version of the analyzer
 * @param options the {@link Options} as properties
 * @param targets per-target cross-validated figures
 */
public record ModelMetadata(
        String createdAt,
        String trainingDataSha256,
        int trainingRows,
        String smileVersion,
        String luceneVersion,
        Map<String, String> options,
        Map<String, TargetReport> targets) {

    /**
     * Cross-validated figures of one target.
     *
     * @param algorithm the winning classifier
     * @param classes number of classes
     * @param cvRows rows the candidates were cross-validated on (a stratified sample of at most
     *     {@code triage.selection_rows} rows)
     * @param cvAccuracy out-of-fold accuracy of the winner
     * @param cvMacroF1 out-of-fold macro-F1 of the winner
     * @param candidates out-of-fold accuracy and macro-F1 of every candidate
     * @param perClass out-of-fold precision, recall, F1 and support per class
     * @param abstainThreshold calibrated-confidence threshold
     * @param precisionAtThreshold out-of-fold accuracy on the suggestions that did not abstain
     * @param coverageAtThreshold fraction of rows that did not abstain
     */
    public record TargetReport(
            String algorithm,
            int classes,
            int cvRows,
            double cvAccuracy,
            double cvMacroF1,
            Map<String, Map<String, Double>> candidates,
            Map<String, Object> perClass,
            double abstainThreshold,
            double precisionAtThreshold,
            double coverageAtThreshold) {}
}
