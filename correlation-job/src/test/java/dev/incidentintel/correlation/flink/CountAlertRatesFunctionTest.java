package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CountAlertRatesFunctionTest {
    private static final Instant BEGINNING = Instant.parse("2026-11-24T14:00:00Z");
    private static final Duration IDLE = Duration.ofHours(1);
    private KeyedOneInputStreamOperatorTestHarness<String, AlertEvent, SeriesPoint> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new CountAlertRatesFunction(IDLE)),
                        AlertEvent::scopeKey,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String service, AlertStatus status, Instant at) throws Exception {
        AlertEvent a =
                new AlertEvent(
                        1,
                        "prometheus",
                        at,
                        at,
                        service + "-fp",
                        status,
                        "HighLatency",
                        service,
                        "prod",
                        Severity.WARNING,
                        "latency",
                        Map.of(),
                        Map.of(),
                        at,
                        status == AlertStatus.RESOLVED ? at : null,
                        "",
                        "");
        harness.processElement(new StreamRecord<>(a, at.toEpochMilli()));
    }

    @Test
    void emitsFiringAlertsPerServiceAndMinuteWhenTheMinuteEnds() throws Exception {
        send("api", AlertStatus.FIRING, BEGINNING.plusSeconds(1));
        send("api", AlertStatus.FIRING, BEGINNING.plusSeconds(40));
        send("api", AlertStatus.RESOLVED, BEGINNING.plusSeconds(50)); // not counted
        send("db", AlertStatus.FIRING, BEGINNING.plusSeconds(10));
        send("api", AlertStatus.FIRING, BEGINNING.plusSeconds(70));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(BEGINNING.plusSeconds(60).toEpochMilli());
        List<SeriesPoint> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out)
                .allSatisfy(
                        p -> {
                            assertThat(p.kind()).isEqualTo(CountAlertRatesFunction.KIND);
                            assertThat(p.time()).isEqualTo(BEGINNING);
                            assertThat(p.environment()).isEqualTo("prod");
                        });
        assertThat(out)
                .anySatisfy(
                        p -> {
                            assertThat(p.service()).isEqualTo("api");
                            assertThat(p.value()).isEqualTo(2.0);
                        });
        assertThat(out)
                .anySatisfy(
                        p -> {
                            assertThat(p.service()).isEqualTo("db");
                            assertThat(p.value()).isEqualTo(1.0);
                        });

        harness.processWatermark(BEGINNING.plusSeconds(120).toEpochMilli());
        assertThat(harness.extractOutputValues())
                .hasSize(3)
                .last()
                .satisfies(p -> assertThat(p.time()).isEqualTo(BEGINNING.plusSeconds(60)));
    }

    @Test
    void forgetsAQuietServiceAndLeavesNoTimer() throws Exception {
        send("api", AlertStatus.FIRING, BEGINNING);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // counter + its timer
        harness.processWatermark(BEGINNING.plusSeconds(60).toEpochMilli());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the idle timer
        harness.processWatermark(BEGINNING.plus(IDLE).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void resolvedNotificationsAloneKeepNoState() throws Exception {
        send("api", AlertStatus.RESOLVED, BEGINNING);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
