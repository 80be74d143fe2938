package dev.incidentintel.correlation.correlate;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.ONE_MINUTE_LATER;
import static dev.incidentintel.correlation.Alerts.TEN_MINUTES_LATER;
import static dev.incidentintel.correlation.Alerts.firing;
import static dev.incidentintel.correlation.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.Severity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {
    private final GroupingOptions options =
            new GroupingOptions(
                    Duration.ofMinutes(5),
                    Duration.ofHours(1),
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(15));
    private final IncidentCorrelator correlator = new IncidentCorrelator(options);
    private final ScopeState state = new ScopeState();

    @Test
    void firstFiringAlertOpensAnIncidentDetectedAtItsStart() {
        Decision d = correlator.onAlert(state, firing("fp1", "HighLatency", "checkout", BEGINNING));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
        IncidentUpdate u = d.updates().get(0);
        assertThat(u.change()).isEqualTo(IncidentChange.OPENED);
        Incident i = u.incident();
        assertThat(i.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(i.title()).isEqualTo("HighLatency on checkout");
        assertThat(i.detectedAt()).isEqualTo(BEGINNING);
        assertThat(i.impactStart()).isEqualTo(BEGINNING);
        assertThat(i.version()).isEqualTo(1);
        assertThat(i.alertCount()).isEqualTo(1);
        assertThat(u.newLinks())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.fingerprint()).isEqualTo("fp1");
                            assertThat(l.reason()).isEqualTo("opened");
                        });
        assertThat(state.open()).hasSize(1);
    }

    @Test
    void alertStartingWithinGapJoinsTheOpenIncidentWithEveryScoreComponentAsReason() {
        String id =
                correlator
                        .onAlert(state, firing("fp1", "HighLatency", "checkout", BEGINNING))
                        .updates()
                        .get(0)
                        .incident()
                        .id();
        Decision d =
                correlator.onAlert(
                        state,
                        firing(
                                "fp2",
                                "ErrorRate",
                                "checkout",
                                ONE_MINUTE_LATER,
                                Severity.CRITICAL));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.JOINED);
        IncidentUpdate u = d.updates().get(0);
        assertThat(u.incident().id()).isEqualTo(id);
        assertThat(u.incident().version()).isEqualTo(2);
        assertThat(u.incident().alertCount()).isEqualTo(2);
        assertThat(u.incident().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(u.newLinks())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.reason()).isEqualTo("attached");
                            assertThat(l.scoreComponents())
                                    .containsEntry("gapSeconds", 60.0)
                                    .containsEntry("serviceScore", 1.0)
                                    .containsKeys(
                                            "score",
                                            "threshold",
                                            "timeScore",
                                            "topologyScore",
                                            "textScore");
                            assertThat(l.scoreComponents().get("score"))
                                    .isGreaterThanOrEqualTo(l.scoreComponents().get("threshold"));
                        });
    }

    @Test
    void opensNewIncidentWhenGapExceedsWindow() {
        correlator.onAlert(state, firing("fp1", "HighLatency", "checkout", BEGINNING));
        Decision d =
                correlator.onAlert(
                        state, firing("fp2", "ErrorRate", "checkout", TEN_MINUTES_LATER));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
        assertThat(state.open()).hasSize(2);
        assertThat(state.open().get(0).id()).isNotEqualTo(state.open().get(1).id());
    }

    @Test
    void repeatedNotificationsOfAFiringAlertAreCountedButEmitNothing() {
        correlator.onAlert(state, firing("fp1", "HighLatency", "checkout", BEGINNING));
        Decision repeat =
                correlator.onAlert(state, firing("fp1", "HighLatency", "checkout", BEGINNING));

        assertThat(repeat.outcome()).isEqualTo(Decision.Outcome.REPEAT);
        assertThat(repeat.updates()).isEmpty();
        Decision resolve =
                correlator.onAlert(
                        state,
                        resolved("fp1", "HighLatency", "checkout", BEGINNING, TEN_MINUTES_LATER));
        assertThat(resolve.updates().get(0).incident().notificationCount()).isEqualTo(3);
    }

    @Test
    void incidentResolvesWhenTheLastMemberResolvesAtTheLatestResolveTime() {
        correlator.onAlert(state, firing("fp1", "HighLatency", "checkout", BEGINNING));
        correlator.onAlert(state, firing("fp2", "ErrorRate", "checkout", ONE_MINUTE_LATER));
        Instant firstResolve = BEGINNING.plusSeconds(300);
        Instant lastResolve = BEGINNING.plusSeconds(420);

        Decision one =
                correlator.onAlert(
                        state,
                        resolved("fp2", "ErrorRate", "checkout", ONE_MINUTE_LATER, firstResolve));
        assertThat(one.outcome()).isEqualTo(Decision.Outcome.MEMBER_RESOLVED);
        assertThat(one.updates().get(0).incident().firingCount()).isEqualTo(1);
        assertThat(one.updates().get(0).incident().status()).isEqualTo(IncidentStatus.OPEN);

        Decision all =
                correlator.onAlert(
                        state, resolved("fp1", "HighLatency", "checkout", BEGINNING, lastResolve));
        assertThat(all.outcome()).isEqualTo(Decision.Outcome.INCIDENT_RESOLVED);
        Incident i = all.updates().get(0).incident();
        assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(i.resolvedAt()).isEqualTo(lastResolve);
        assertThat(Duration.between(i.detectedAt(), i.resolvedAt()))
                .isEqualTo(Duration.ofSeconds(420));
        // Kept for the reopen window (1 h here), then forgotten without another update.
        assertThat(state.open()).singleElement().satisfies(o -> assertThat(o.isOpen()).isFalse());
        assertThat(correlator.onTime(state, lastResolve.plus(Duration.ofMinutes(29))).updates())
                .isEmpty();
        assertThat(state.isEmpty()).isFalse();
        assertThat(correlator.onTime(state, lastResolve.plus(Duration.ofMinutes(30))).updates())
                .isEmpty();
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void memberFiringAgainWithinTheReopenWindowReopensTheIncident() {
        String id =
                correlator
                        .onAlert(state, firing("fp1", "Disk", "db", BEGINNING))
                        .updates()
                        .get(0)
                        .incident()
                        .id();
        correlator.onAlert(state, resolved("fp1", "Disk", "db", BEGINNING, ONE_MINUTE_LATER));
        Instant again = ONE_MINUTE_LATER.plus(Duration.ofMinutes(20));

        Decision d = correlator.onAlert(state, firing("fp1", "Disk", "db", again));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.REOPENED);
        Incident i = d.updates().get(0).incident();
        assertThat(i.id()).isEqualTo(id);
        assertThat(d.updates().get(0).change()).isEqualTo(IncidentChange.REOPENED);
        assertThat(i.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(i.resolvedAt()).isNull();
        assertThat(i.reopenCount()).isEqualTo(1);
        assertThat(i.flappingAlerts())
                .isZero(); // 20 min after the resolve: outside the 15 min flap window

        Decision resolvedAgain =
                correlator.onAlert(
                        state, resolved("fp1", "Disk", "db", again, again.plusSeconds(60)));
        assertThat(resolvedAgain.updates().get(0).incident().resolvedAt())
                .isEqualTo(again.plusSeconds(60));
    }

    @Test
    void memberFiringAgainAfterTheReopenWindowOpensANewIncident() {
        String first =
                correlator
                        .onAlert(state, firing("fp1", "Disk", "db", BEGINNING))
                        .updates()
                        .get(0)
                        .incident()
                        .id();
        correlator.onAlert(state, resolved("fp1", "Disk", "db", BEGINNING, ONE_MINUTE_LATER));

        Decision d =
                correlator.onAlert(
                        state,
                        firing("fp1", "Disk", "db", ONE_MINUTE_LATER.plus(Duration.ofMinutes(31))));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
        assertThat(d.updates().get(0).incident().id()).isNotEqualTo(first);
        assertThat(state.open()).hasSize(1);
    }

    @Test
    void newAlertDoesNotJoinAResolvedIncident() {
        correlator.onAlert(state, firing("fp1", "Disk", "db", BEGINNING));
        correlator.onAlert(state, resolved("fp1", "Disk", "db", BEGINNING, ONE_MINUTE_LATER));
        Decision d =
                correlator.onAlert(
                        state, firing("fp2", "Latency", "db", ONE_MINUTE_LATER.plusSeconds(30)));
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
    }

    @Test
    void resolveOfUnknownAlertIsAnOrphanAndChangesNothing() {
        Decision d =
                correlator.onAlert(
                        state, resolved("nope", "X", "checkout", BEGINNING, ONE_MINUTE_LATER));
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.ORPHAN_RESOLVE);
        assertThat(d.updates()).isEmpty();
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void alertFiringAgainAfterResolvingIsAFlapInTheSameIncident() {
        correlator.onAlert(state, firing("fp1", "Disk", "db", BEGINNING));
        correlator.onAlert(state, firing("fp2", "Latency", "db", BEGINNING.plusSeconds(10)));
        correlator.onAlert(state, resolved("fp1", "Disk", "db", BEGINNING, ONE_MINUTE_LATER));
        Decision flap =
                correlator.onAlert(
                        state, firing("fp1", "Disk", "db", ONE_MINUTE_LATER.plusSeconds(30)));

        assertThat(flap.outcome()).isEqualTo(Decision.Outcome.FLAPPED);
        assertThat(flap.updates().get(0).incident().firingCount()).isEqualTo(2);
        assertThat(flap.updates().get(0).incident().flappingAlerts()).isEqualTo(1);
        assertThat(state.open().get(0).member("fp1").flaps()).isEqualTo(1);
        assertThat(state.open().get(0).member("fp1").flapping()).isTrue();
    }

    @Test
    void staleFiringNotificationDeliveredAfterTheResolveIsIgnored() {
        correlator.onAlert(state, firing("fp1", "Disk", "db", BEGINNING));
        correlator.onAlert(state, firing("fp2", "Latency", "db", BEGINNING));
        correlator.onAlert(state, resolved("fp1", "Disk", "db", BEGINNING, ONE_MINUTE_LATER));
        // Alertmanager repeats keep the original startsAt: this is the old firing, not a new one.
        Decision late = correlator.onAlert(state, firing("fp1", "Disk", "db", BEGINNING));
        assertThat(late.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
        assertThat(late.updates()).isEmpty();
    }

    @Test
    void incidentWithoutActivityForTheStalePeriodIsClosedAsStale() {
        correlator.onAlert(state, firing("fp1", "Disk", "db", BEGINNING));
        assertThat(correlator.onTime(state, BEGINNING.plus(Duration.ofMinutes(59))).updates())
                .isEmpty();

        Decision d = correlator.onTime(state, BEGINNING.plus(Duration.ofHours(1)));
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.STALE_CLOSED);
        assertThat(d.updates().get(0).incident().status()).isEqualTo(IncidentStatus.STALE);
        assertThat(d.updates().get(0).incident().resolvedAt()).isNull();
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void sameInputGivesSameIncidentIdsSoReplaysAreIdempotent() {
        ScopeState other = new ScopeState();
        IncidentCorrelator second = new IncidentCorrelator(options);
        String a =
                correlator
                        .onAlert(state, firing("fp1", "Disk", "db", BEGINNING))
                        .updates()
                        .get(0)
                        .incident()
                        .id();
        String b =
                second.onAlert(other, firing("fp1", "Disk", "db", BEGINNING))
                        .updates()
                        .get(0)
                        .incident()
                        .id();
        assertThat(a).isEqualTo(b).startsWith("inc-");
    }

    @Test
    void outOfOrderAlertStartingBeforeTheIncidentMovesImpactStartBack() {
        correlator.onAlert(state, firing("fp1", "Disk", "db", ONE_MINUTE_LATER));
        Decision d = correlator.onAlert(state, firing("fp2", "Latency", "db", BEGINNING));
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.JOINED);
        assertThat(d.updates().get(0).incident().impactStart()).isEqualTo(BEGINNING);
        assertThat(d.updates().get(0).incident().detectedAt()).isEqualTo(ONE_MINUTE_LATER);
    }

    private static final dev.incidentintel.correlation.topology.ServiceTopology SHOP =
            new dev.incidentintel.correlation.topology.ServiceTopology(
                    1,
                    java.util.List.of(
                            new dev.incidentintel.correlation.topology.ServiceTopology.Service(
                                    "db", "", java.util.List.of()),
                            new dev.incidentintel.correlation.topology.ServiceTopology.Service(
                                    "api", "", java.util.List.of("db")),
                            new dev.incidentintel.correlation.topology.ServiceTopology.Service(
                                    "batch", "", java.util.List.of())));

    private Decision onAlert(dev.incidentintel.events.AlertEvent alert) {
        return correlator.onAlert(state, alert, SHOP, env -> java.util.List.of());
    }

    @Test
    void aDependentServiceAlertingShortlyAfterJoinsAcrossServicesByTopology() {
        String id =
                onAlert(firing("fp1", "DbDown", "db", BEGINNING)).updates().get(0).incident().id();
        Decision d = onAlert(firing("fp2", "ApiErrors", "api", BEGINNING.plusSeconds(45)));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.JOINED);
        assertThat(d.updates().get(0).incident().id()).isEqualTo(id);
        assertThat(d.updates().get(0).incident().services()).containsExactly("db", "api");
        assertThat(d.updates().get(0).newLinks().get(0).scoreComponents())
                .containsEntry("hops", 1.0);
    }

    @Test
    void anUnconnectedServiceOpensItsOwnIncidentAndTheLinkSaysWhy() {
        onAlert(firing("fp1", "DbDown", "db", BEGINNING));
        Decision d = onAlert(firing("fp2", "BatchLate", "batch", BEGINNING.plusSeconds(10)));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
        var why = d.updates().get(0).newLinks().get(0).scoreComponents();
        assertThat(why.get("best.score")).isLessThan(why.get("best.threshold"));
        assertThat(state.open()).hasSize(2);
    }

    @Test
    void aMemberFiringAgainAfterItsFlapWindowInAnOpenIncidentIsANewOccurrence() {
        String first =
                onAlert(firing("fp1", "DbDown", "db", BEGINNING)).updates().get(0).incident().id();
        onAlert(firing("fp2", "DbSlow", "db", BEGINNING.plusSeconds(5)));
        onAlert(resolved("fp2", "DbSlow", "db", BEGINNING.plusSeconds(5), ONE_MINUTE_LATER));
        // fp1 keeps the incident open; fp2 fails again long after its flap window, far from fp1's
        // start.
        Instant again = ONE_MINUTE_LATER.plus(options.flapWindow()).plus(Duration.ofMinutes(3));
        Decision d = onAlert(firing("fp2", "DbSlow", "db", again));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
        assertThat(d.updates().get(0).incident().id()).isNotEqualTo(first);
        assertThat(state.holding("fp2"))
                .get()
                .extracting(OpenIncident::id)
                .isEqualTo(d.updates().get(0).incident().id());
        assertThat(state.holding("fp1")).get().extracting(OpenIncident::id).isEqualTo(first);
    }

    private static final CreationGate WARNINGS_IN_THREES =
            new CreationGate(
                    java.util.Map.of(
                            Severity.WARNING, new CreationGate.Rule(3, Duration.ofMinutes(5))));

    @Test
    void aGatedIncidentOpensOnItsNthAlertWithEveryHeldLink() {
        IncidentCorrelator gated = new IncidentCorrelator(options.withGate(WARNINGS_IN_THREES));
        assertThat(gated.onAlert(state, firing("fp1", "DiskFull", "db", BEGINNING)).outcome())
                .isEqualTo(Decision.Outcome.HELD);
        Decision second =
                gated.onAlert(state, firing("fp2", "DiskSlow", "db", BEGINNING.plusSeconds(20)));
        assertThat(second.outcome()).isEqualTo(Decision.Outcome.HELD);
        assertThat(second.updates()).isEmpty();
        assertThat(gated.onAlert(state, firing("fp1", "DiskFull", "db", BEGINNING)).updates())
                .as("repeat")
                .isEmpty();

        Instant third = BEGINNING.plusSeconds(40);
        Decision d = gated.onAlert(state, firing("fp3", "DiskErrors", "db", third));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
        IncidentUpdate u = d.updates().get(0);
        assertThat(u.change()).isEqualTo(IncidentChange.OPENED);
        assertThat(u.newLinks())
                .extracting(l -> l.fingerprint())
                .containsExactly("fp1", "fp2", "fp3");
        assertThat(u.incident().detectedAt()).isEqualTo(third);
        assertThat(u.incident().impactStart()).isEqualTo(BEGINNING);
        assertThat(u.incident().notificationCount()).isEqualTo(4);
    }

    @Test
    void aGatedIncidentOpensWhenItsWaitIsOverEvenIfItsAlertsResolvedMeanwhile() {
        IncidentCorrelator gated = new IncidentCorrelator(options.withGate(WARNINGS_IN_THREES));
        gated.onAlert(state, firing("fp1", "DiskFull", "db", BEGINNING));
        assertThat(
                        gated.onAlert(
                                        state,
                                        resolved(
                                                "fp1",
                                                "DiskFull",
                                                "db",
                                                BEGINNING,
                                                ONE_MINUTE_LATER))
                                .updates())
                .isEmpty();
        Instant deadline = BEGINNING.plus(Duration.ofMinutes(5));
        assertThat(state.nextStaleCheck(options.withGate(WARNINGS_IN_THREES))).contains(deadline);
        assertThat(gated.onTime(state, deadline.minusMillis(1)).updates()).isEmpty();

        Decision d = gated.onTime(state, deadline);

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
        assertThat(d.updates())
                .extracting(IncidentUpdate::change)
                .containsExactly(IncidentChange.OPENED, IncidentChange.RESOLVED);
        assertThat(d.updates().get(0).newLinks())
                .singleElement()
                .satisfies(l -> assertThat(l.fingerprint()).isEqualTo("fp1"));
        assertThat(d.updates().get(1).incident().resolvedAt()).isEqualTo(deadline);
        assertThat(state.open()).singleElement().satisfies(i -> assertThat(i.held()).isFalse());
    }

    @Test
    void aSeverityWithoutAGateOpensAtOnce() {
        IncidentCorrelator gated = new IncidentCorrelator(options.withGate(WARNINGS_IN_THREES));
        Decision d =
                gated.onAlert(state, firing("fp1", "Down", "db", BEGINNING, Severity.CRITICAL));
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.OPENED);
    }

    @Test
    void gateSettingsReadFromPropertiesNeedBothValues() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("gate.warning.alerts", "3");
        p.setProperty("gate.warning.wait", "PT5M");
        assertThat(CreationGate.of(p)).isEqualTo(WARNINGS_IN_THREES);
        assertThat(CreationGate.of(WARNINGS_IN_THREES.toProperties()))
                .isEqualTo(WARNINGS_IN_THREES);
        p.remove("gate.warning.wait");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CreationGate.of(p))
                .hasMessageContaining("together");
    }
}
