package dev.incidentintel.correlation.flink;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.lifecycle.LifecycleApplierTest;
import dev.incidentintel.correlation.lifecycle.LifecycleOptions;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyLifecycleFunctionTest {
    private static final LifecycleOptions OPTIONS =
            new LifecycleOptions(Duration.ofDays(1), Duration.ofHours(1));
    private KeyedTwoInputStreamOperatorTestHarness<
                    String, IncidentUpdate, LifecycleEvent, IncidentUpdate>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new ApplyLifecycleFunction(OPTIONS)),
                        u -> u.incident().id(),
                        LifecycleEvent::incidentId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void stateOfAResolvedIncidentIsDroppedAfterRetention() throws Exception {
        IncidentUpdate open =
                LifecycleApplierTest.fromCorrelator(
                        IncidentStatus.OPEN, IncidentChange.OPENED, 1, BEGINNING);
        harness.processElement1(new StreamRecord<>(open, BEGINNING.toEpochMilli()));
        LifecycleEvent ack =
                new LifecycleEvent(
                        1,
                        "t",
                        BEGINNING.plusSeconds(60),
                        "inc-1",
                        null,
                        LifecycleAction.ACK,
                        "a",
                        "",
                        null,
                        "",
                        Map.of());
        harness.processElement2(new StreamRecord<>(ack, ack.eventTime().toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero(); // open incidents need no timer here

        IncidentUpdate resolved =
                LifecycleApplierTest.fromCorrelator(
                        IncidentStatus.RESOLVED,
                        IncidentChange.RESOLVED,
                        2,
                        BEGINNING.plusSeconds(600));
        harness.processElement1(
                new StreamRecord<>(resolved, BEGINNING.plusSeconds(600).toEpochMilli()));
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(harness.extractOutputValues().get(2).incident().acknowledgedAt())
                .isEqualTo(BEGINNING.plusSeconds(60));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        BEGINNING.plusSeconds(600).plus(Duration.ofDays(1)).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aStepForAnIncidentThatNeverAppearsIsDroppedAfterThePendingTimeout() throws Exception {
        LifecycleEvent ack =
                new LifecycleEvent(
                        1,
                        "t",
                        BEGINNING,
                        "inc-404",
                        null,
                        LifecycleAction.ACK,
                        "a",
                        "",
                        null,
                        "",
                        Map.of());
        harness.processElement2(new StreamRecord<>(ack, BEGINNING.toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        BEGINNING.plus(Duration.ofHours(1)).toEpochMilli()));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
