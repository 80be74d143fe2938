package dev.incidentintel.triage.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReassignmentLabelsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static LifecycleEvent event(
            String incident, LifecycleAction action, String team, int minute) {
        return new LifecycleEvent(
                1,
                "pagerduty",
                T0.plusSeconds(60L * minute),
                incident,
                incident == null ? "fp-1" : null,
                action,
                "alice",
                team,
                null,
                null,
                null);
    }

    @Test
    void theLastHumanAssignmentIsTheLabelWhateverTheArrivalOrder() {
        Map<String, String> labels =
                ReassignmentLabels.teamByIncident(
                        List.of(
                                event(
                                        "inc-1",
                                        LifecycleAction.ASSIGN,
                                        "database",
                                        9), // arrives first, happened last
                                event("inc-1", LifecycleAction.ASSIGN, "network", 2),
                                event("inc-1", LifecycleAction.ACK, "platform", 12),
                                event("inc-2", LifecycleAction.ASSIGN, "", 3),
                                event(null, LifecycleAction.ASSIGN, "auth", 4),
                                event("inc-3", LifecycleAction.ASSIGN, "auth", 5)));
        assertThat(labels)
                .containsExactlyInAnyOrderEntriesOf(Map.of("inc-1", "database", "inc-3", "auth"));
    }
}
