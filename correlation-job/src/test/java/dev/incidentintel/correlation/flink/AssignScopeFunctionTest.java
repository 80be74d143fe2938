package dev.incidentintel.correlation.flink;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.firing;
import static dev.incidentintel.correlation.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.scope.ScopeAssigner;
import dev.incidentintel.correlation.scope.ScopeOptions;
import dev.incidentintel.correlation.scope.ScopedAlert;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssignScopeFunctionTest {
    private static final Duration FIRING_KEEP = Duration.ofHours(1);
    private static final Duration RESOLVED_KEEP = Duration.ofMinutes(5);
    private static final ServiceTopology INITIAL =
            new ServiceTopology(
                    1,
                    List.of(new ServiceTopology.Service("checkout", "shop", List.of("payments"))));
    private KeyedBroadcastOperatorTestHarness<String, AlertEvent, ServiceTopology, ScopedAlert>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        ScopeAssigner assigner =
                new ScopeAssigner(new ScopeOptions("", "cluster"), FIRING_KEEP, RESOLVED_KEEP);
        harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new AssignScopeFunction(assigner, INITIAL),
                                List.of(AssignScopeFunction.TOPOLOGY)),
                        AlertEvent::scopeKey,
                        Types.STRING,
                        128,
                        1,
                        0);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private String scopeOf(AlertEvent alert) throws Exception {
        harness.processElement(new StreamRecord<>(alert, alert.eventTime().toEpochMilli()));
        List<ScopedAlert> out = harness.extractOutputValues();
        return out.get(out.size() - 1).scope();
    }

    private int keyedEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    @Test
    void scopesByTheInitialTopologyUntilADocumentArrivesThenByTheDocument() throws Exception {
        assertThat(scopeOf(firing("fp1", "Errors", "payments", BEGINNING)))
                .isEqualTo("prod/topo:checkout");

        ServiceTopology update =
                new ServiceTopology(
                        2,
                        List.of(new ServiceTopology.Service("payments", "pay", List.of("ledger"))));
        harness.processBroadcastElement(new StreamRecord<>(update, 0L));

        assertThat(scopeOf(firing("fp2", "Errors", "payments", BEGINNING.plusSeconds(10))))
                .as("a new alert: the new topology")
                .isEqualTo("prod/topo:ledger");
        assertThat(scopeOf(firing("fp1", "Errors", "payments", BEGINNING)))
                .as("a repeat of an alert in progress keeps its scope")
                .isEqualTo("prod/topo:checkout");
        assertThat(scopeOf(firing("fp3", "Errors", "checkout", BEGINNING.plusSeconds(20))))
                .as("no longer known: its own service")
                .isEqualTo("prod/checkout");
    }

    @Test
    void pinsAndTheirTimerAreGoneOnceThePinExpires() throws Exception {
        scopeOf(firing("fp1", "Errors", "payments", BEGINNING));
        Instant end = BEGINNING.plusSeconds(600);
        scopeOf(resolved("fp1", "Errors", "payments", BEGINNING, end));
        assertThat(keyedEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        // The first timer (firing keep) fires after the resolve's shorter keep: nothing left.
        harness.watermark(BEGINNING.plus(FIRING_KEEP).toEpochMilli());

        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    @org.junit.jupiter.api.Timeout(
            value = 20,
            threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aPinExpiringBetweenMillisecondsIsDroppedByItsTimerNotReArmedForever() throws Exception {
        Instant start =
                BEGINNING.plusNanos(301_601); // event times carry nanoseconds, timers milliseconds
        scopeOf(firing("fp1", "Errors", "payments", start));
        Instant repeat = start.plus(Duration.ofMinutes(50));
        scopeOf(
                firing(
                        "fp1",
                        "Errors",
                        "payments",
                        repeat)); // re-armed at the extended, sub-millisecond expiry

        harness.watermark(repeat.plus(FIRING_KEEP).plusSeconds(1).toEpochMilli());

        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aNotificationExtendingThePinReArmsTheTimerOnceItFires() throws Exception {
        scopeOf(firing("fp1", "Errors", "payments", BEGINNING));
        Instant repeat = BEGINNING.plus(Duration.ofMinutes(50));
        // A later notification (event time of a re-fire) moves the expiry past the first timer.
        scopeOf(firing("fp1", "Errors", "payments", repeat));

        harness.watermark(BEGINNING.plus(FIRING_KEEP).toEpochMilli());
        assertThat(keyedEntries()).as("extended: still pinned").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.watermark(repeat.plus(FIRING_KEEP).toEpochMilli());
        assertThat(keyedEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
