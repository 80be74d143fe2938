package dev.incidentintel.triage.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.triage.TriageInput;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryLabelsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static HistoricIncident incident(
            String id, String category, String team, String priority, double triageConfidence) {
        return new HistoricIncident(
                id,
                TriageInput.ofText("title " + id, ""),
                category,
                team,
                priority,
                triageConfidence);
    }

    private static LifecycleEvent step(
            String incident, LifecycleAction action, String team, int minute) {
        return new LifecycleEvent(
                1,
                "pagerduty",
                T0.plusSeconds(60L * minute),
                incident,
                null,
                action,
                "alice",
                team,
                null,
                null,
                null);
    }

    @Test
    void theLastAssignmentWinsOverTheTeamTheModelSuggested() {
        LabelledIncident l =
                HistoryLabels.label(incident("i1", "database", "team-db", "P2", 0.8), "team-net");
        assertThat(l.team()).isEqualTo("team-net");
        // The model filled this snapshot: its category and priority are not people's decisions.
        assertThat(l.category()).isEmpty();
        assertThat(l.priority()).isEmpty();
    }

    @Test
    void withoutAnAssignmentAModelFilledTeamIsNotALabel() {
        LabelledIncident l =
                HistoryLabels.label(incident("i1", "database", "team-db", "P2", 0.8), null);
        assertThat(l.hasLabel()).isFalse();
    }

    @Test
    void aSnapshotTheModelDidNotTouchGivesEveryLabelItHas() {
        LabelledIncident l =
                HistoryLabels.label(incident("t1", "network", "team-net", "p3", 0.0), null);
        assertThat(l.category()).isEqualTo("network");
        assertThat(l.team()).isEqualTo("team-net");
        assertThat(l.priority()).isEqualTo("P3");
        assertThat(HistoryLabels.label(incident("t2", "", "", "urgent", 0.0), null).priority())
                .isEmpty();
    }

    @Test
    void examplesJoinTheLastAssignStepAndDropIncidentsWithoutLabels() {
        List<LabelledIncident> out =
                HistoryLabels.examples(
                        List.of(
                                incident("i1", "database", "team-db", "", 0.9),
                                incident("i2", "", "", "", 0.0),
                                incident("i3", "network", "team-net", "", 0.7)),
                        List.of(
                                step("i1", LifecycleAction.ASSIGN, "team-storage", 9),
                                step("i1", LifecycleAction.ASSIGN, "team-net", 2),
                                step("i1", LifecycleAction.ESCALATE, "team-x", 12),
                                step("i3", LifecycleAction.ACK, "team-y", 3)));
        assertThat(out).extracting(LabelledIncident::id).containsExactly("i1");
        assertThat(out.get(0).team()).isEqualTo("team-storage");
        assertThat(out.get(0).labels())
                .containsEntry("team", "team-storage")
                .containsEntry("category", "");
    }
}
