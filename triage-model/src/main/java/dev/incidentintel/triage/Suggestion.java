package dev.incidentintel.triage;

import dev.incidentintel.triage.priority.Priority;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the model suggests for one input.
 *
 * @param predictions one prediction per trained target, keyed by target name
 * @param priority P1..P5 from the impact x urgency matrix, else from a {@code priority} target that
 *     does not abstain; empty when neither gives one
 * @param priorityConfidence product of the confidences of the model-predicted impact/urgency (1.0
 *     when both were stated in the input), or the priority target's confidence; 0 when {@code
 *     priority} is empty
 * @param abstain true when any headline target (category, team) abstains: route to L1 triage
 */
public record Suggestion(
        Map<String, Prediction> predictions,
        Optional<Priority> priority,
        double priorityConfidence,
        boolean abstain) {

    /** Target name used for the ticket category. */
    public static final String CATEGORY = "category";

    /** Target name used for the owning team (assignment group, route). */
    public static final String TEAM = "team";

    /** Target name used for impact (feeds the priority matrix). */
    public static final String IMPACT = "impact";

    /** Target name used for urgency (feeds the priority matrix). */
    public static final String URGENCY = "urgency";

    /**
     * Target name of a directly learnt priority (P1..P5 labels, e.g. from incident history); used
     * only when impact and urgency do not give one.
     */
    public static final String PRIORITY = "priority";

    public Suggestion {
        predictions = Map.copyOf(predictions);
        if (priority == null) {
            throw new TriageException(
                    "priority", "priority must not be null (use Optional.empty())");
        }
    }

    public Optional<Prediction> category() {
        return Optional.ofNullable(predictions.get(CATEGORY));
    }

    public Optional<Prediction> team() {
        return Optional.ofNullable(predictions.get(TEAM));
    }

    public Optional<Prediction> get(String target) {
        return Optional.ofNullable(predictions.get(target));
    }
}
