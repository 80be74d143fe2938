package dev.incidentintel.correlation.flink;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.IncidentAlertLink;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResolveLifecycleTargetFunctionTest {
    private KeyedTwoInputStreamOperatorTestHarness<
                    String, IncidentAlertLink, LifecycleEvent, LifecycleEvent>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new ResolveLifecycleTargetFunction(
                                        Duration.ofHours(1), Duration.ofDays(30))),
                        IncidentAlertLink::fingerprint,
                        LifecycleEvent::alertFingerprint,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static LifecycleEvent ackOf(String fingerprint, long secondsIn) {
        return new LifecycleEvent(
                1,
                "pagerduty",
                BEGINNING.plusSeconds(secondsIn),
                null,
                fingerprint,
                LifecycleAction.ACK,
                "alice",
                "",
                null,
                "",
                Map.of());
    }

    private static IncidentAlertLink link(String fingerprint, String incident) {
        return new IncidentAlertLink(
                1, incident, fingerprint, "Disk", "db", "prod", BEGINNING, "opened", Map.of());
    }

    @Test
    void stepNamingAnAlertGetsTheIncidentThatHoldsIt() throws Exception {
        harness.processElement1(new StreamRecord<>(link("fp1", "inc-7"), BEGINNING.toEpochMilli()));
        harness.processElement2(
                new StreamRecord<>(ackOf("fp1", 30), BEGINNING.plusSeconds(30).toEpochMilli()));
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(e -> assertThat(e.incidentId()).isEqualTo("inc-7"));
    }

    @Test
    void stepBeforeTheLinkWaitsThenIsReleasedWithTheIncidentId() throws Exception {
        harness.processElement2(
                new StreamRecord<>(ackOf("fp1", 30), BEGINNING.plusSeconds(30).toEpochMilli()));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processElement1(new StreamRecord<>(link("fp1", "inc-7"), BEGINNING.toEpochMilli()));
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(e -> assertThat(e.incidentId()).isEqualTo("inc-7"));
    }

    @Test
    void stepForAnAlertNoIncidentHoldsIsDroppedAfterTheTimeoutLeavingNoPendingState()
            throws Exception {
        harness.processElement2(
                new StreamRecord<>(ackOf("fp-unknown", 0), BEGINNING.toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processBothWatermarks(
                new Watermark(BEGINNING.plus(Duration.ofHours(1)).toEpochMilli()));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
