package dev.incidentintel.metricsapi.triage;

import dev.incidentintel.triage.lucene.SimilarIncident;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /api/v1/triage}. Definitions: docs/METRICS.md#triage.
 *
 * @param category suggested category, or null when the model has no category target
 * @param team suggested owning team, or null when the model has no team target
 * @param priority P1..P5 from the impact x urgency matrix, or null when neither the input nor the
 *     model gives both
 * @param priorityConfidence product of the calibrated confidences of the predicted impact and
 *     urgency (1.0 when both were stated), 0 without a priority
 * @param predictions every target the model has, by name
 * @param abstain true when category or team is below the model's confidence threshold
 * @param action {@code suggest}, or {@code route to L1 triage} when abstaining
 * @param similarIncidents the most similar past incidents (BM25), best first, with resolution notes
 * @param runbook the runbook for the category or an alert name, or null
 * @param model which model answered
 */
public record TriageResponse(
        Target category,
        Target team,
        String priority,
        double priorityConfidence,
        Map<String, Target> predictions,
        boolean abstain,
        String action,
        List<SimilarIncident> similarIncidents,
        Runbook runbook,
        Model model) {

    /** One target's suggestion: label, calibrated confidence and whether it abstains. */
    public record Target(String label, double confidence, boolean abstain) {}

    /** A runbook file (relative to the runbook directory) and what matched it. */
    public record Runbook(String path, String matchedBy) {}

    /** The model that answered: when it was trained, on how many rows, and its data hash. */
    public record Model(String createdAt, int trainingRows, String trainingDataSha256) {}
}
