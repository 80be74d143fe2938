package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.anomaly.series.Anomaly;
import dev.incidentintel.correlation.anomaly.series.DetectorOptions;
import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DetectRateAnomaliesFunctionTest {
    private static final Instant BEGINNING = Instant.parse("2026-11-24T00:00:00Z");
    private static final Duration IDLE = Duration.ofHours(6);
    private KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, Anomaly> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, Anomaly> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new DetectRateAnomaliesFunction(DetectorOptions.DEFAULTS, 0.6, 0.2, IDLE)),
                SeriesPoint::seriesKey,
                Types.STRING);
    }

    private void send(String service, int minute, double value) throws Exception {
        Instant t = BEGINNING.plusSeconds(60L * minute);
        harness.processElement(
                new StreamRecord<>(
                        new SeriesPoint("log_rate", "prod", service, "t1", t, value),
                        t.toEpochMilli()));
    }

    /** A steady per-minute count: 20 give or take 1. */
    private static double steady(int minute) {
        return 20 + (minute % 2 == 0 ? 1 : -1);
    }

    @Test
    void opensOneAnomalyOnABurstAndClosesItWhenTheRateIsBack() throws Exception {
        for (int m = 0; m < 600; m++) {
            send("api", m, steady(m));
        }
        assertThat(harness.extractOutputValues()).isEmpty();
        for (int m = 600; m < 605; m++) {
            send("api", m, 400);
        }
        for (int m = 605; m < 900; m++) {
            send("api", m, steady(m));
        }
        List<Anomaly> out = harness.extractOutputValues();
        assertThat(out).hasSizeGreaterThanOrEqualTo(2);
        Anomaly opened = out.get(0);
        assertThat(opened.firing()).isTrue();
        assertThat(opened.startedAt()).isEqualTo(BEGINNING.plusSeconds(60L * 600));
        assertThat(opened.value()).isEqualTo(400.0);
        Anomaly closed = out.get(1);
        assertThat(closed.firing()).isFalse();
        assertThat(closed.startedAt()).isEqualTo(opened.startedAt());

        AlertEvent alert = AnomalyAlerts.toAlert(opened);
        assertThat(alert.source()).isEqualTo("anomaly");
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.service()).isEqualTo("api");
        assertThat(alert.startsAt()).isEqualTo(opened.startedAt());
        AlertEvent resolved = AnomalyAlerts.toAlert(closed);
        assertThat(resolved.fingerprint()).isEqualTo(alert.fingerprint());
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.endsAt()).isEqualTo(closed.time());
    }

    @Test
    void forgetsASeriesAfterItsIdleTimeout() throws Exception {
        send("api", 0, 5);
        send("db", 10, 5);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4); // watch + timer per series
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        send("api", 20, 5); // moves api's idle timer, still one per series
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        harness.processWatermark(BEGINNING.plusSeconds(600).plus(IDLE).toEpochMilli());
        assertThat(harness.numKeyedStateEntries())
                .isEqualTo(2); // db gone, api (last seen minute 20) stays
        harness.processWatermark(BEGINNING.plusSeconds(1200).plus(IDLE).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void detectorStateSurvivesASnapshotAndRestore() throws Exception {
        for (int m = 0; m < 600; m++) {
            send("api", m, steady(m));
        }
        OperatorSubtaskState snapshot = harness.snapshot(1L, BEGINNING.toEpochMilli());
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        // A restored detector already knows the baseline: the burst is flagged at once.
        send("api", 600, 400);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(a -> assertThat(a.firing()).isTrue());
    }
}
