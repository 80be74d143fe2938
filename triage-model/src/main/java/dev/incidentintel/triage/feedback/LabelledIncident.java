package dev.incidentintel.triage.feedback;

import dev.incidentintel.triage.Suggestion;
import dev.incidentintel.triage.TriageInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A past incident turned into a training example: labels only where a person decided them ("" where
 * nobody did, so that target skips the row).
 *
 * @param id incident id
 * @param input what the model reads
 * @param category category set by people, or ""
 * @param team the team people gave it (last assignment), or ""
 * @param priority P1..P5 set by people, or ""
 */
public record LabelledIncident(
        String id, TriageInput input, String category, String team, String priority) {

    /** True when at least one target has a label. */
    public boolean hasLabel() {
        return !category.isEmpty() || !team.isEmpty() || !priority.isEmpty();
    }

    /**
     * Target name ({@link Suggestion#CATEGORY}, {@link Suggestion#TEAM}, {@link
     * Suggestion#PRIORITY}) to label.
     */
    public Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(Suggestion.CATEGORY, category);
        out.put(Suggestion.TEAM, team);
        out.put(Suggestion.PRIORITY, priority);
        return out;
    }
}
