package dev.incidentintel.correlation.triage;

import dev.incidentintel.events.Incident;
import dev.incidentintel.triage.Prediction;
import dev.incidentintel.triage.Suggestion;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import java.util.Optional;

/**
 * Decides what triage adds to an incident: the model's category, team and priority, each only where
 * the incident has none yet (a team assigned by a person or a priority from the ticket always wins)
 * and only when the model does not abstain (for the priority: its confidence, the product of the
 * predicted impact's and urgency's, is at least the model's abstain threshold); {@code
 * triageConfidence} is the lowest calibrated confidence of what was added. An incident that already
 * has a category is returned unchanged.
 */
public final class IncidentTriage {
    private IncidentTriage() {}

    /**
     * The model's input for an incident: its title, environment, services, severity and source (as
     * in the history {@code train --from-clickhouse} learns from), all fixed for the incident's
     * life so every update gets the same suggestion.
     */
    public static TriageInput input(Incident i) {
        return new TriageInput(
                i.title(),
                "",
                null,
                null,
                i.severity() == null ? null : i.severity().name(),
                i.source(),
                i.services(),
                i.environment(),
                null,
                null);
    }

    /** {@code incident} with the suggestion applied (the same instance when nothing applies). */
    public static Incident enrich(Incident incident, TriageModel model) {
        if (!incident.category().isEmpty() || incident.title().isBlank()) {
            return incident;
        }
        Suggestion s = model.suggest(input(incident));
        Optional<Prediction> category = s.category().filter(p -> !p.abstain());
        Optional<Prediction> team = s.team().filter(p -> !p.abstain() && incident.team().isEmpty());
        // A priority from predicted impact/urgency counts as abstaining below the model's threshold
        // too.
        boolean priority =
                s.priority().isPresent()
                        && incident.priority().isEmpty()
                        && s.priorityConfidence() >= model.options().abstainThreshold();
        if (category.isEmpty() && team.isEmpty() && !priority) {
            return incident;
        }
        double confidence = 1.0;
        Incident.Builder b = incident.toBuilder();
        if (category.isPresent()) {
            b.category(category.get().label());
            confidence = Math.min(confidence, category.get().confidence());
        }
        if (team.isPresent()) {
            b.team(team.get().label());
            confidence = Math.min(confidence, team.get().confidence());
        }
        if (priority) {
            b.priority(s.priority().get().name());
            confidence = Math.min(confidence, s.priorityConfidence());
        }
        return b.triageConfidence(confidence).build();
    }
}
