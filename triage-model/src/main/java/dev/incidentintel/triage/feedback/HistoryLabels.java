package dev.incidentintel.triage.feedback;

import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.triage.priority.Priority;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Decides which labels of past incidents are people's decisions, so that retraining learns from
 * them and never from the model's own suggestions:
 *
 * <ul>
 *   <li><b>team</b>: the team of the incident's last {@code assign} lifecycle event (by event time;
 *       a reassignment corrects the earlier one and any suggestion, see {@link
 *       ReassignmentLabels}); without one, the snapshot's team when the model filled nothing on it
 *       ({@code triageConfidence == 0}: an imported ticket's assignment group, an escalation to a
 *       team); else none.
 *   <li><b>category</b> and <b>priority</b>: the snapshot's when the model filled nothing on it.
 *       The job's triage stage leaves an incident that has a category untouched, so a category on a
 *       snapshot with {@code triageConfidence > 0} is the model's; its team and priority may be
 *       either, so they are not used. Priorities other than P1..P5 are dropped.
 * </ul>
 *
 * Pure: the caller reads the incidents and lifecycle events (ClickHouse or files).
 */
public final class HistoryLabels {
    private HistoryLabels() {}

    /** The labels of one incident given the team of its last assignment ({@code null}: none). */
    public static LabelledIncident label(HistoricIncident incident, String assignedTeam) {
        boolean byPeople = incident.triageConfidence() <= 0;
        String team =
                assignedTeam != null && !assignedTeam.isBlank()
                        ? assignedTeam.trim()
                        : byPeople ? incident.team() : "";
        String category = byPeople ? incident.category() : "";
        String priority =
                byPeople ? Priority.parse(incident.priority()).map(Enum::name).orElse("") : "";
        return new LabelledIncident(incident.id(), incident.input(), category, team, priority);
    }

    /**
     * Labelled examples of {@code incidents}, joined with the {@code assign} steps among {@code
     * lifecycle} (other actions are ignored); incidents without any label are left out.
     */
    public static List<LabelledIncident> examples(
            Collection<HistoricIncident> incidents, Collection<LifecycleEvent> lifecycle) {
        Map<String, String> assigned = ReassignmentLabels.teamByIncident(lifecycle);
        List<LabelledIncident> out = new ArrayList<>();
        for (HistoricIncident i : incidents) {
            LabelledIncident l = label(i, assigned.get(i.id()));
            if (l.hasLabel()) {
                out.add(l);
            }
        }
        return out;
    }
}
