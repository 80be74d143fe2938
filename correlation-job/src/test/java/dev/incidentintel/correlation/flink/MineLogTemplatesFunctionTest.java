package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.anomaly.logs.MinerOptions;
import dev.incidentintel.correlation.anomaly.logs.TemplateStats;
import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import dev.incidentintel.events.LogEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MineLogTemplatesFunctionTest {
    private static final Instant BEGINNING = Instant.parse("2026-11-24T14:00:00Z");
    private static final Duration IDLE = Duration.ofHours(1);
    private KeyedOneInputStreamOperatorTestHarness<String, LogEvent, LogEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LogEvent, LogEvent> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new MineLogTemplatesFunction(MinerOptions.DEFAULTS, IDLE)),
                LogEvent::scopeKey,
                Types.STRING);
    }

    private void send(String service, String message, Instant at) throws Exception {
        LogEvent log =
                new LogEvent(
                        LogEvent.SCHEMA_VERSION,
                        "test",
                        at,
                        at,
                        service,
                        "prod",
                        "h1",
                        "INFO",
                        message,
                        Map.of(),
                        "");
        harness.processElement(new StreamRecord<>(log, at.toEpochMilli()));
    }

    @Test
    void tagsLinesOfOneTemplateWithOneIdPerService() throws Exception {
        send("api", "Connection from 10.0.0.1 closed", BEGINNING);
        send("api", "Connection from 10.0.0.2 closed", BEGINNING.plusSeconds(1));
        send("api", "Cache warmed in 35 ms", BEGINNING.plusSeconds(2));
        send("db", "Connection from 10.0.0.1 closed", BEGINNING.plusSeconds(3));

        List<LogEvent> out = harness.extractOutputValues();
        assertThat(out).hasSize(4);
        assertThat(out).allSatisfy(l -> assertThat(l.templateId()).hasSize(16));
        assertThat(out.get(0).templateId()).isEqualTo(out.get(1).templateId());
        assertThat(out.get(2).templateId()).isNotEqualTo(out.get(0).templateId());
        // Same text, other service: its own template and id.
        assertThat(out.get(3).templateId()).isNotEqualTo(out.get(0).templateId());
        assertThat(out.get(0).message()).isEqualTo("Connection from 10.0.0.1 closed");
    }

    @Test
    void emitsTemplateRowsAndPerMinuteCountsWhenTheMinuteEnds() throws Exception {
        send("api", "Connection from 10.0.0.1 closed", BEGINNING.plusSeconds(5));
        send("api", "Connection from 10.0.0.2 closed", BEGINNING.plusSeconds(30));
        send("api", "Connection from 10.0.0.3 closed", BEGINNING.plusSeconds(65));
        assertThat(harness.getSideOutput(MineLogTemplatesFunction.TEMPLATES)).isNull();

        harness.processWatermark(BEGINNING.plusSeconds(60).toEpochMilli());
        List<TemplateStats> rows =
                values(harness.getSideOutput(MineLogTemplatesFunction.TEMPLATES));
        assertThat(rows)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.template()).isEqualTo("Connection from <*> closed");
                            assertThat(r.count()).isEqualTo(3);
                            assertThat(r.firstSeen()).isEqualTo(BEGINNING.plusSeconds(5));
                            assertThat(r.lastSeen()).isEqualTo(BEGINNING.plusSeconds(65));
                        });
        // Minute 14:00 is over (2 lines); minute 14:01 is still open.
        List<SeriesPoint> rates = values(harness.getSideOutput(MineLogTemplatesFunction.RATES));
        assertThat(rates)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.time()).isEqualTo(BEGINNING);
                            assertThat(p.value()).isEqualTo(2.0);
                            assertThat(p.kind()).isEqualTo("log_rate");
                            assertThat(p.service()).isEqualTo("api");
                        });
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void forgetsAServiceAfterItsIdleTimeoutAndLeavesNoTimer() throws Exception {
        send("api", "Connection from 10.0.0.1 closed", BEGINNING);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // tracker + its timer
        harness.processWatermark(BEGINNING.plusSeconds(60).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the idle timer
        harness.processWatermark(BEGINNING.plus(IDLE).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keepsTemplateIdsAcrossASnapshotAndRestore() throws Exception {
        send("api", "Connection from 10.0.0.1 closed", BEGINNING);
        String id = harness.extractOutputValues().get(0).templateId();
        OperatorSubtaskState snapshot = harness.snapshot(1L, BEGINNING.toEpochMilli());
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        send("api", "Cache warmed in 35 ms", BEGINNING.plusSeconds(1));
        send("api", "Connection from 10.9.9.9 closed", BEGINNING.plusSeconds(2));
        List<LogEvent> out = harness.extractOutputValues();
        assertThat(out.get(1).templateId()).isEqualTo(id);
        assertThat(out.get(0).templateId()).isNotEqualTo(id);
    }

    private static <T> List<T> values(java.util.Queue<StreamRecord<T>> records) {
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
