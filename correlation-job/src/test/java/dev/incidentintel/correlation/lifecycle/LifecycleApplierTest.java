package dev.incidentintel.correlation.lifecycle;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class LifecycleApplierTest {
    private final LifecycleApplier applier = new LifecycleApplier();
    private final IncidentLifecycle state = new IncidentLifecycle();

    public static IncidentUpdate fromCorrelator(
            IncidentStatus status, IncidentChange change, long version, Instant at) {
        Incident i =
                Incident.builder()
                        .source("correlation-job")
                        .eventTime(at)
                        .id("inc-1")
                        .version(version)
                        .title("Disk on db")
                        .environment("prod")
                        .services(List.of("db"))
                        .severity(Severity.ERROR)
                        .status(status)
                        .impactStart(BEGINNING)
                        .detectedAt(BEGINNING)
                        .resolvedAt(status == IncidentStatus.RESOLVED ? at : null)
                        .alertCount(1)
                        .firingCount(status == IncidentStatus.OPEN ? 1 : 0)
                        .notificationCount(1)
                        .build();
        return new IncidentUpdate(i, change, List.of());
    }

    static LifecycleEvent step(LifecycleAction action, Instant at, String team, Tier tier) {
        return new LifecycleEvent(
                1, "test", at, "inc-1", null, action, "alice", team, tier, "", Map.of());
    }

    private Incident last(List<IncidentUpdate> out) {
        return out.get(out.size() - 1).incident();
    }

    @Test
    void firstAckSetsAcknowledgedAtAndLaterAcksDoNotMoveIt() {
        applier.onIncidentUpdate(
                state, fromCorrelator(IncidentStatus.OPEN, IncidentChange.OPENED, 1, BEGINNING));
        Incident acked =
                last(
                        applier.onLifecycle(
                                state,
                                step(LifecycleAction.ACK, BEGINNING.plusSeconds(90), "", null)));
        assertThat(acked.acknowledgedAt()).isEqualTo(BEGINNING.plusSeconds(90));
        assertThat(
                        applier.onLifecycle(
                                state,
                                step(LifecycleAction.ACK, BEGINNING.plusSeconds(300), "", null)))
                .isEmpty();
        assertThat(
                        applier.onLifecycle(
                                state,
                                step(LifecycleAction.UNACK, BEGINNING.plusSeconds(310), "", null)))
                .isEmpty();
    }

    @Test
    void lifecycleFieldsSurviveLaterCorrelatorUpdatesAndVersionsKeepGrowing() {
        applier.onIncidentUpdate(
                state, fromCorrelator(IncidentStatus.OPEN, IncidentChange.OPENED, 1, BEGINNING));
        applier.onLifecycle(state, step(LifecycleAction.ACK, BEGINNING.plusSeconds(60), "", null));
        applier.onLifecycle(
                state, step(LifecycleAction.ASSIGN, BEGINNING.plusSeconds(70), "dba", null));
        applier.onLifecycle(
                state, step(LifecycleAction.ESCALATE, BEGINNING.plusSeconds(80), "", null));
        // The correlator's own version is 2 here; the stage's is 5.
        Incident resolved =
                last(
                        applier.onIncidentUpdate(
                                state,
                                fromCorrelator(
                                        IncidentStatus.RESOLVED,
                                        IncidentChange.RESOLVED,
                                        2,
                                        BEGINNING.plusSeconds(600))));

        assertThat(resolved.version()).isEqualTo(5);
        assertThat(resolved.acknowledgedAt()).isEqualTo(BEGINNING.plusSeconds(60));
        assertThat(resolved.team()).isEqualTo("dba");
        assertThat(resolved.tier())
                .isEqualTo(Tier.L2); // assign without tier -> L1, escalate -> next tier
        assertThat(resolved.escalations()).isEqualTo(1);
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(BEGINNING.plusSeconds(600));
    }

    @Test
    void aManualResolveHoldsUntilAnAlertReopensTheIncident() {
        applier.onIncidentUpdate(
                state, fromCorrelator(IncidentStatus.OPEN, IncidentChange.OPENED, 1, BEGINNING));
        applier.onLifecycle(
                state, step(LifecycleAction.RESOLVE, BEGINNING.plusSeconds(100), "", null));
        Incident stillResolved =
                last(
                        applier.onIncidentUpdate(
                                state,
                                fromCorrelator(
                                        IncidentStatus.OPEN,
                                        IncidentChange.ALERT_UPDATED,
                                        2,
                                        BEGINNING.plusSeconds(120))));
        assertThat(stillResolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(stillResolved.resolvedAt()).isEqualTo(BEGINNING.plusSeconds(100));

        Incident reopened =
                last(
                        applier.onIncidentUpdate(
                                state,
                                fromCorrelator(
                                        IncidentStatus.OPEN,
                                        IncidentChange.REOPENED,
                                        3,
                                        BEGINNING.plusSeconds(200))));
        assertThat(reopened.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
    }

    @Test
    void stepsBeforeTheIncidentWaitAndApplyInTimeOrderWhenItAppears() {
        assertThat(
                        applier.onLifecycle(
                                state,
                                step(
                                        LifecycleAction.MITIGATE,
                                        BEGINNING.plusSeconds(200),
                                        "",
                                        null)))
                .isEmpty();
        assertThat(
                        applier.onLifecycle(
                                state,
                                step(LifecycleAction.ACK, BEGINNING.plusSeconds(30), "", null)))
                .isEmpty();
        assertThat(applier.oldestPending(state)).contains(BEGINNING.plusSeconds(30));

        List<IncidentUpdate> out =
                applier.onIncidentUpdate(
                        state,
                        fromCorrelator(IncidentStatus.OPEN, IncidentChange.OPENED, 1, BEGINNING));
        assertThat(out)
                .extracting(IncidentUpdate::change)
                .containsExactly(
                        IncidentChange.OPENED, IncidentChange.LIFECYCLE, IncidentChange.LIFECYCLE);
        assertThat(last(out).acknowledgedAt()).isEqualTo(BEGINNING.plusSeconds(30));
        assertThat(last(out).mitigatedAt()).isEqualTo(BEGINNING.plusSeconds(200));
        assertThat(state.pending()).isEmpty();
    }

    @Test
    void aCopyOfTheStateIsEqualAndIndependent() {
        applier.onLifecycle(state, step(LifecycleAction.ACK, BEGINNING.plusSeconds(30), "", null));
        IncidentLifecycle copy = state.copy();
        String json = json(state);
        assertThat(json(copy)).isEqualTo(json);
        applier.onIncidentUpdate(
                state, fromCorrelator(IncidentStatus.OPEN, IncidentChange.OPENED, 1, BEGINNING));
        assertThat(json(state)).isNotEqualTo(json);
        assertThat(json(copy)).isEqualTo(json);
        assertThat(copy.pending()).hasSize(1);
    }

    private static String json(IncidentLifecycle s) {
        return new String(
                dev.incidentintel.events.json.EventJson.toBytes(s),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void openFromATicketingSourceImportsTheIncidentAndCloseResolvesIt() {
        Instant opened = Instant.parse("2016-03-01T08:00:00Z");
        LifecycleEvent open =
                new LifecycleEvent(
                        1,
                        "servicenow",
                        opened,
                        "INC0000045",
                        null,
                        LifecycleAction.OPEN,
                        "Caller 2403",
                        "Group 56",
                        null,
                        "",
                        Map.of("priority", "P2", "category", "Category 55", "title", "INC0000045"));
        Incident imported = last(applier.onLifecycle(state, open));
        assertThat(imported.source()).isEqualTo("servicenow");
        assertThat(imported.detectedAt()).isEqualTo(opened);
        assertThat(imported.priority()).isEqualTo("P2");
        assertThat(imported.severity()).isEqualTo(Severity.ERROR);
        assertThat(imported.team()).isEqualTo("Group 56");
        assertThat(imported.services()).containsExactly("unknown");

        Incident closed =
                last(
                        applier.onLifecycle(
                                state,
                                new LifecycleEvent(
                                        1,
                                        "servicenow",
                                        opened.plusSeconds(5000),
                                        "INC0000045",
                                        null,
                                        LifecycleAction.CLOSE,
                                        "",
                                        "",
                                        null,
                                        "",
                                        Map.of())));
        assertThat(closed.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(closed.resolvedAt()).isEqualTo(opened.plusSeconds(5000));
        assertThat(closed.closedAt()).isEqualTo(opened.plusSeconds(5000));
        assertThat(applier.finishedAt(state)).contains(opened.plusSeconds(5000));
    }
}
