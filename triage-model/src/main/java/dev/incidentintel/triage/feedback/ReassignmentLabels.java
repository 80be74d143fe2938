package dev.incidentintel.triage.feedback;

import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learning from reassignments: when a person assigns an incident to a team, that team is a label
 * for the incident's team target, and the last assignment wins (a reassignment corrects the earlier
 * one, including the model's own suggestion). Pure: the caller reads the lifecycle events (Kafka
 * {@code lifecycle.v1} or ClickHouse history) and joins the labels to incident texts.
 */
public final class ReassignmentLabels {
    private ReassignmentLabels() {}

    /**
     * Incident id to the team of its latest {@code assign} event (by event time). Events without an
     * incident id (alert-only) or without a team are skipped.
     */
    public static Map<String, String> teamByIncident(Collection<LifecycleEvent> events) {
        Map<String, LifecycleEvent> latest = new LinkedHashMap<>();
        events.stream()
                .filter(e -> e.action() == LifecycleAction.ASSIGN)
                .filter(e -> e.incidentId() != null && !e.incidentId().isBlank())
                .filter(e -> !e.team().isBlank())
                .sorted(Comparator.comparing(LifecycleEvent::eventTime))
                .forEach(e -> latest.put(e.incidentId(), e));
        Map<String, String> out = new LinkedHashMap<>();
        latest.forEach((id, e) -> out.put(id, e.team()));
        return out;
    }
}
