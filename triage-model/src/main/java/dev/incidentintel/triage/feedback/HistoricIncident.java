package dev.incidentintel.triage.feedback;

import dev.incidentintel.triage.TriageInput;
import java.util.Objects;

/**
 * One past incident as the store holds it (its latest snapshot): what the model reads and the
 * category, team and priority it ended with, which may have come from a person (a ticket, an
 * assignment) or from the triage model itself ({@code triageConfidence > 0}).
 *
 * @param id incident id
 * @param input title, member alerts' summaries, names and labels, services, severity, source
 * @param category category of the latest snapshot, or empty
 * @param team team of the latest snapshot, or empty
 * @param priority priority of the latest snapshot, or empty
 * @param triageConfidence the snapshot's triage confidence: above 0 when the model filled a field
 */
public record HistoricIncident(
        String id,
        TriageInput input,
        String category,
        String team,
        String priority,
        double triageConfidence) {

    public HistoricIncident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        category = category == null ? "" : category.trim();
        team = team == null ? "" : team.trim();
        priority = priority == null ? "" : priority.trim();
    }
}
