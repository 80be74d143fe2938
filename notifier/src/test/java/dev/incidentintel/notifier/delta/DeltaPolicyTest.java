package dev.incidentintel.notifier.delta;

import static dev.incidentintel.notifier.testing.Incidents.next;
import static dev.incidentintel.notifier.testing.Incidents.opened;
import static dev.incidentintel.notifier.testing.Incidents.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeltaPolicyTest {
    private final DeltaPolicy policy = DeltaPolicy.defaults();

    /** Runs the policy over updates the way the notifier does: remembering the view it notified. */
    private static List<Delta> run(DeltaPolicy policy, List<Incident> updates) {
        List<Delta> out = new ArrayList<>();
        NotifiedView last = null;
        for (Incident i : updates) {
            Optional<Delta> d = policy.decide(last, i);
            if (d.isPresent()) {
                out.add(d.get());
                last = d.get().view();
            }
        }
        return out;
    }

    @Test
    void notifiesOpenOnceAndNotPerMemberAlert() {
        Incident v1 = opened("i-1");
        Incident v2 = next(v1).alertCount(2).notificationCount(5).build();
        Incident v3 = next(v2).alertCount(3).firingCount(3).notificationCount(9).build();
        List<Delta> deltas = run(policy, List.of(v1, v2, v3));
        assertThat(deltas).hasSize(1);
        assertThat(deltas.get(0).kind()).isEqualTo(NotificationKind.OPEN);
        assertThat(deltas.get(0).changeNames()).containsExactly("opened");
    }

    @Test
    void notifiesRaisedPriorityAndSaysFromWhatToWhat() {
        Incident v1 = opened("i-1");
        Incident v2 = next(v1).priority("P1").build();
        Delta d = policy.decide(NotifiedView.of(v1), v2).orElseThrow();
        assertThat(d.kind()).isEqualTo(NotificationKind.UPDATE);
        assertThat(d.whatChanged()).isEqualTo("priority P3 -> P1");
        // A lowered priority is not material.
        assertThat(policy.decide(NotifiedView.of(v2), next(v2).priority("P4").build())).isEmpty();
    }

    @Test
    void listsEveryChangeSinceTheLastNotificationInOneDelta() {
        Incident v1 = opened("i-1");
        Incident v2 = next(v1).services(List.of("checkout", "payments", "cart")).build();
        Incident v3 =
                next(v2).suspectDeploys(List.of(suspect("payments", "2.4.1")))
                        .priority("P2")
                        .build();
        // The notifier saw only v1; v2 and v3 arrive together (e.g. after it was down).
        Delta d = policy.decide(NotifiedView.of(v1), v3).orElseThrow();
        assertThat(d.changeNames())
                .containsExactly("priority_raised", "service_added", "suspect_deploy_found");
        assertThat(d.whatChanged())
                .isEqualTo(
                        "priority P3 -> P2; new services cart, payments; suspect deploy payments@2.4.1");
    }

    @Test
    void notifiesResolveOnceAndReopenAsMaterialChange() {
        Incident v1 = opened("i-1");
        Incident v2 =
                next(v1).status(IncidentStatus.RESOLVED)
                        .resolvedAt(v1.eventTime().plusSeconds(60))
                        .build();
        Incident v3 = next(v2).status(IncidentStatus.RESOLVED).build();
        Incident v4 = next(v3).status(IncidentStatus.OPEN).resolvedAt(null).reopenCount(1).build();
        Incident v5 = next(v4).status(IncidentStatus.STALE).build();
        List<Delta> deltas = run(policy, List.of(v1, v2, v3, v4, v5));
        assertThat(deltas)
                .extracting(Delta::kind)
                .containsExactly(
                        NotificationKind.OPEN,
                        NotificationKind.RESOLVE,
                        NotificationKind.UPDATE,
                        NotificationKind.RESOLVE);
        assertThat(deltas.get(2).whatChanged()).isEqualTo("reopened (1 time)");
        assertThat(deltas.get(3).whatChanged()).isEqualTo("closed as stale (no signal)");
    }

    @Test
    void materialSetIsConfigurable() {
        Incident v1 = opened("i-1");
        Incident v2 =
                next(v1).severity(Severity.CRITICAL).services(List.of("checkout", "cart")).build();
        assertThat(policy.decide(NotifiedView.of(v1), v2).orElseThrow().changeNames())
                .containsExactly("service_added");
        DeltaPolicy severityOnly = new DeltaPolicy(EnumSet.of(Change.SEVERITY_RAISED));
        assertThat(severityOnly.decide(NotifiedView.of(v1), v2).orElseThrow().whatChanged())
                .isEqualTo("severity error -> critical");
        DeltaPolicy none = new DeltaPolicy(EnumSet.noneOf(Change.class));
        assertThat(run(none, List.of(v1, v2))).hasSize(1);
    }

    @Test
    void neverRenotifiesAReplayedOrOlderVersion() {
        Incident v1 = opened("i-1");
        Incident v2 = next(v1).priority("P1").build();
        NotifiedView afterV2 = NotifiedView.of(v2);
        assertThat(policy.decide(afterV2, v2)).isEmpty();
        assertThat(policy.decide(afterV2, v1)).isEmpty();
    }

    @Test
    void aClosedIncidentSeenFirstIsNotAnnounced() {
        Incident resolved = opened("i-9").toBuilder().status(IncidentStatus.RESOLVED).build();
        assertThat(policy.decide(null, resolved)).isEmpty();
    }

    @Test
    void idempotencyKeyNamesIncidentVersionAndChannel() {
        Delta d = policy.decide(null, opened("i-1")).orElseThrow();
        assertThat(d.idempotencyKey("slack-oncall")).isEqualTo("i-1:1:slack-oncall");
    }

    @Test
    void priorityRankPutsUnknownBelowP5() {
        assertThat(DeltaPolicy.rank("P1")).isLessThan(DeltaPolicy.rank("P5"));
        assertThat(DeltaPolicy.rank("P5")).isLessThan(DeltaPolicy.rank(""));
        assertThat(DeltaPolicy.rank("urgent")).isEqualTo(DeltaPolicy.rank(""));
    }

    @Test
    void replayCountsOneNotificationPerChangeNotPerUpdate() {
        Incident a1 = opened("i-1");
        Incident a2 = next(a1).alertCount(2).build();
        Incident a3 = next(a2).priority("P2").build();
        Incident a4 = next(a3).status(IncidentStatus.RESOLVED).build();
        Incident b1 = opened("i-2");
        Incident b2 = next(b1).alertCount(5).build();
        // Interleaved as on a partitioned topic: each incident's versions in order.
        var counts = DeltaReplay.count(policy, List.of(a1, b1, a2, b2, a3, a4, a3));
        assertThat(counts)
                .containsEntry(NotificationKind.OPEN, 2L)
                .containsEntry(NotificationKind.UPDATE, 1L)
                .containsEntry(NotificationKind.RESOLVE, 1L)
                .hasSize(3);
    }
}
