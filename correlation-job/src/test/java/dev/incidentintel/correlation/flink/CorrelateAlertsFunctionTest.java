package dev.incidentintel.correlation.flink;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.ONE_MINUTE_LATER;
import static dev.incidentintel.correlation.Alerts.firing;
import static dev.incidentintel.correlation.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.scope.ScopedAlert;
import dev.incidentintel.correlation.suspect.SuspectOptions;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorrelateAlertsFunctionTest {
    private static final Duration REOPEN = Duration.ofMinutes(30);

    /** Arrival order: each alert is correlated as it comes. */
    private static final GroupingOptions OPTIONS =
            new GroupingOptions(
                            Duration.ofMinutes(5),
                            Duration.ofHours(1),
                            REOPEN,
                            Duration.ofMinutes(15))
                    .withOrdering(Duration.ZERO, Duration.ofMinutes(10));

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Event-time order: alerts wait for the watermark, at most {@link #WAIT}. */
    private static final GroupingOptions ORDERED =
            OPTIONS.withOrdering(WAIT, Duration.ofMinutes(10));

    private static final ServiceTopology CHECKOUT_ON_PAYMENTS =
            new ServiceTopology(
                    1,
                    List.of(new ServiceTopology.Service("checkout", "shop", List.of("payments"))));
    private KeyedBroadcastOperatorTestHarness<
                    String, ScopedAlert, Either<DeployEvent, ServiceTopology>, IncidentUpdate>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, ScopedAlert, Either<DeployEvent, ServiceTopology>, IncidentUpdate>
            newHarness() throws Exception {
        return newHarness(OPTIONS);
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, ScopedAlert, Either<DeployEvent, ServiceTopology>, IncidentUpdate>
            newHarness(GroupingOptions options) throws Exception {
        // Not opened yet, so a test can restore state into it first.
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new CorrelateAlertsFunction(
                                options, SuspectOptions.defaults(), CHECKOUT_ON_PAYMENTS),
                        List.of(CorrelateAlertsFunction.DEPLOYS, AssignScopeFunction.TOPOLOGY)),
                ScopedAlert::scope,
                Types.STRING,
                128,
                1,
                0);
    }

    /** Keyed state entries (not broadcast state) held by the operator's heap backend. */
    private int keyedEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private void send(AlertEvent alert) throws Exception {
        harness.processElement(
                new StreamRecord<>(
                        new ScopedAlert(alert.scopeKey(), alert),
                        alert.eventTime().toEpochMilli()));
    }

    private void sendInScope(String scope, AlertEvent alert) throws Exception {
        harness.processElement(
                new StreamRecord<>(
                        new ScopedAlert(scope, alert), alert.eventTime().toEpochMilli()));
    }

    private void useOrdered() throws Exception {
        harness.close();
        harness = newHarness(ORDERED);
        harness.open();
    }

    @Test
    void ordersAlertsOfAScopeByEventTimeOnceTheWatermarkPassesThem() throws Exception {
        useOrdered();
        String scope = "prod/topo:checkout";
        // The dependent's alert arrives first; in event-time order the dependency's opens the
        // incident.
        sendInScope(scope, firing("fp-c", "CheckoutErrors", "checkout", ONE_MINUTE_LATER));
        sendInScope(scope, firing("fp-p", "PaymentsErrors", "payments", BEGINNING));
        assertThat(harness.extractOutputValues()).as("waiting for the watermark").isEmpty();

        harness.watermark(ONE_MINUTE_LATER.toEpochMilli());

        List<IncidentUpdate> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).change()).isEqualTo(IncidentChange.OPENED);
        assertThat(out.get(0).incident().services()).containsExactly("payments");
        assertThat(out.get(1).change()).isEqualTo(IncidentChange.ALERT_ADDED);
        assertThat(out.get(1).incident().id()).isEqualTo(out.get(0).incident().id());
        assertThat(out.get(1).newLinks().get(0).reason()).isEqualTo("attached");

        Instant end = ONE_MINUTE_LATER.plusSeconds(600);
        sendInScope(scope, resolved("fp-c", "CheckoutErrors", "checkout", ONE_MINUTE_LATER, end));
        sendInScope(scope, resolved("fp-p", "PaymentsErrors", "payments", BEGINNING, end));
        harness.watermark(end.plus(REOPEN).toEpochMilli());
        assertThat(harness.extractOutputValues().get(3).incident().status())
                .isEqualTo(IncidentStatus.RESOLVED);
        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.setProcessingTime(WAIT.toMillis());
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).hasSize(4);
    }

    @Test
    @org.junit.jupiter.api.Timeout(
            value = 20,
            threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void subMillisecondEventTimesExpireOnTheirTimerInsteadOfReArmingItForever() throws Exception {
        useOrdered();
        // Alertmanager and Instant.now() give nanoseconds; Flink timers count milliseconds.
        Instant start = BEGINNING.plusNanos(301_601);
        Instant end = start.plus(Duration.ofMinutes(2));
        send(firing("fp1", "HighLatency", "checkout", start));
        send(resolved("fp1", "HighLatency", "checkout", start, end));

        // The watermark passes the reopen deadline (end + REOPEN, 301,601 ns past a millisecond) at
        // once.
        harness.watermark(end.plus(REOPEN).plusSeconds(1).toEpochMilli());

        assertThat(harness.extractOutputValues())
                .extracting(IncidentUpdate::change)
                .containsExactly(IncidentChange.OPENED, IncidentChange.RESOLVED);
        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aStalledWatermarkHoldsAnAlertAtMostTheOrderingWait() throws Exception {
        useOrdered();
        harness.setProcessingTime(1_000);
        send(firing("fp1", "HighLatency", "checkout", BEGINNING));
        harness.setProcessingTime(1_000 + WAIT.toMillis() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(1_000 + WAIT.toMillis());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(u -> assertThat(u.change()).isEqualTo(IncidentChange.OPENED));
        assertThat(harness.numProcessingTimeTimers()).isZero();
        // The alert's own ordering timer finds nothing left to do; only the stale timer remains.
        harness.watermark(BEGINNING.toEpochMilli());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(keyedEntries()).isEqualTo(1);
    }

    @Test
    void aNewAlertLaterThanTheAllowedLatenessGoesToTheLateOutputNotDropped() throws Exception {
        harness.watermark(BEGINNING.plus(Duration.ofMinutes(30)).toEpochMilli());
        AlertEvent late = firing("fp1", "HighLatency", "checkout", BEGINNING);

        send(late);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(CorrelateAlertsFunction.LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateRepeatOfATrackedAlertIsStillApplied() throws Exception {
        send(firing("fp1", "HighLatency", "checkout", BEGINNING));
        harness.watermark(BEGINNING.plus(Duration.ofMinutes(30)).toEpochMilli());

        send(
                firing(
                        "fp1",
                        "HighLatency",
                        "checkout",
                        BEGINNING)); // a repeat keeps the original start
        send(
                resolved(
                        "fp1",
                        "HighLatency",
                        "checkout",
                        BEGINNING,
                        BEGINNING.plus(Duration.ofMinutes(31))));

        assertThat(harness.getSideOutput(CorrelateAlertsFunction.LATE)).isNull();
        List<IncidentUpdate> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).incident().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(out.get(1).incident().notificationCount()).isEqualTo(3);
    }

    @Test
    void emitsTheIncidentImmediatelyWithoutAWatermark() throws Exception {
        send(firing("fp1", "HighLatency", "checkout", BEGINNING));

        List<IncidentUpdate> out = harness.extractOutputValues();
        assertThat(out)
                .singleElement()
                .satisfies(u -> assertThat(u.change()).isEqualTo(IncidentChange.OPENED));
        assertThat(keyedEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void aDeploySeenBeforeTheIncidentBecomesItsSuspect() throws Exception {
        DeployEvent deploy =
                new DeployEvent(
                        1,
                        "ci",
                        BEGINNING.minusSeconds(600),
                        "checkout",
                        "prod",
                        "v42",
                        "abc",
                        DeployStatus.SUCCEEDED,
                        "https://ci/42");
        harness.processBroadcastElement(
                new StreamRecord<>(Either.Left(deploy), deploy.eventTime().toEpochMilli()));
        send(firing("fp1", "HighLatency", "checkout", BEGINNING));

        IncidentUpdate opened = harness.extractOutputValues().get(0);
        assertThat(opened.incident().suspectDeploys())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.ref()).isEqualTo("checkout@v42");
                            // 10 minutes before impact, 30 minute half-life, succeeded: 0.5^(1/3) *
                            // 0.8
                            assertThat(s.score())
                                    .isCloseTo(
                                            Math.pow(0.5, 10.0 / 30.0) * 0.8,
                                            org.assertj.core.data.Offset.offset(1e-9));
                        });
        // Broadcast state is not keyed: only the scope's entry counts.
        assertThat(keyedEntries()).isEqualTo(1);
    }

    @Test
    void resolvingEveryMemberClearsStateAndTimers() throws Exception {
        send(firing("fp1", "HighLatency", "checkout", BEGINNING));
        send(firing("fp2", "ErrorRate", "checkout", ONE_MINUTE_LATER));
        send(firing("fp9", "DiskFull", "db", BEGINNING));
        send(resolved("fp1", "HighLatency", "checkout", BEGINNING, BEGINNING.plusSeconds(120)));
        send(
                resolved(
                        "fp2",
                        "ErrorRate",
                        "checkout",
                        ONE_MINUTE_LATER,
                        BEGINNING.plusSeconds(180)));

        List<IncidentUpdate> out = harness.extractOutputValues();
        IncidentUpdate last = out.get(out.size() - 1);
        assertThat(last.incident().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(last.incident().services()).containsExactly("checkout");
        // The resolved checkout incident waits out its reopen window; db is still open.
        assertThat(keyedEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        harness.watermark(BEGINNING.plusSeconds(180).plus(REOPEN).toEpochMilli());
        assertThat(keyedEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        send(resolved("fp9", "DiskFull", "db", BEGINNING, BEGINNING.plusSeconds(200)));
        harness.watermark(BEGINNING.plusSeconds(200).plus(REOPEN).toEpochMilli());
        assertThat(harness.extractOutputValues())
                .hasSize(out.size() + 1); // timers emit nothing more
        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void staleTimerClosesTheIncidentAndClearsState() throws Exception {
        send(firing("fp1", "DiskFull", "db", BEGINNING));
        harness.watermark(BEGINNING.plus(Duration.ofMinutes(59)).toEpochMilli());
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.watermark(BEGINNING.plus(Duration.ofHours(1)).toEpochMilli());

        List<IncidentUpdate> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).incident().status()).isEqualTo(IncidentStatus.STALE);
        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void newActivityMovesTheSingleStaleTimerForward() throws Exception {
        send(firing("fp1", "DiskFull", "db", BEGINNING));
        Instant later = BEGINNING.plus(Duration.ofMinutes(3));
        send(firing("fp2", "Latency", "db", later));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.watermark(BEGINNING.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(harness.extractOutputValues()).hasSize(2); // not stale yet: last activity moved
        harness.watermark(later.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(keyedEntries()).isZero();
    }

    @Test
    void stateSurvivesASnapshotAndRestoreThroughTheJsonSerializer() throws Exception {
        send(firing("fp1", "HighLatency", "checkout", BEGINNING));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        send(resolved("fp1", "HighLatency", "checkout", BEGINNING, ONE_MINUTE_LATER));

        List<IncidentUpdate> out = harness.extractOutputValues();
        assertThat(out)
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.incident().status()).isEqualTo(IncidentStatus.RESOLVED);
                            assertThat(u.incident().version()).isEqualTo(2);
                            assertThat(u.incident().notificationCount()).isEqualTo(2);
                        });
        harness.watermark(ONE_MINUTE_LATER.plus(REOPEN).toEpochMilli());
        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aGatedIncidentIsEmittedByItsTimerAndItsStateIsClearedAfterwards() throws Exception {
        harness.close();
        harness =
                newHarness(
                        OPTIONS.withGate(
                                new dev.incidentintel.correlation.correlate.CreationGate(
                                        java.util.Map.of(
                                                dev.incidentintel.events.Severity.WARNING,
                                                new dev.incidentintel.correlation.correlate
                                                        .CreationGate.Rule(
                                                        2, Duration.ofMinutes(2))))));
        harness.open();
        send(firing("fp1", "DiskFull", "db", BEGINNING));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).as("the gate's deadline").isEqualTo(1);

        harness.watermark(BEGINNING.plus(Duration.ofMinutes(2)).toEpochMilli());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.change()).isEqualTo(IncidentChange.OPENED);
                            assertThat(u.incident().detectedAt())
                                    .isEqualTo(BEGINNING.plus(Duration.ofMinutes(2)));
                        });
        Instant end = BEGINNING.plus(Duration.ofMinutes(3));
        send(resolved("fp1", "DiskFull", "db", BEGINNING, end));
        harness.watermark(end.plus(REOPEN).toEpochMilli());
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void whileTheWatermarkMovesAlertsWaitForItNotForTheClock() throws Exception {
        useOrdered();
        harness.setProcessingTime(1_000);
        send(firing("fp1", "HighLatency", "checkout", ONE_MINUTE_LATER));
        harness.watermark(BEGINNING.toEpochMilli()); // event time moves, but not past the alert
        harness.setProcessingTime(1_000 + WAIT.toMillis());
        assertThat(harness.extractOutputValues()).as("the wait started again").isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.watermark(ONE_MINUTE_LATER.toEpochMilli());
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.setProcessingTime(1_000 + 2 * WAIT.toMillis());
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(keyedEntries()).as("only the scope state").isEqualTo(1);
    }
}
