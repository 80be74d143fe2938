package dev.incidentintel.correlation.flink;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.recurrence.RecurrenceOptions;
import dev.incidentintel.correlation.recurrence.RecurrenceTrackerTest;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentUpdate;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class TrackRecurrenceFunctionTest {

    @Test
    void linksARecurrenceAndDropsTheHistoryWhenItLeavesTheWindow() throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new TrackRecurrenceFunction(RecurrenceOptions.defaults())),
                        TrackRecurrenceFunction::keyOf,
                        Types.STRING);
        harness.open();
        harness.processElement(
                new StreamRecord<>(
                        new IncidentUpdate(
                                RecurrenceTrackerTest.incident("i1", "sigA", BEGINNING),
                                IncidentChange.OPENED,
                                List.of()),
                        0));
        harness.processElement(
                new StreamRecord<>(
                        new IncidentUpdate(
                                RecurrenceTrackerTest.incident(
                                        "i2", "sigA", BEGINNING.plus(Duration.ofDays(2))),
                                IncidentChange.OPENED,
                                List.of()),
                        0));

        List<IncidentUpdate> out = harness.extractOutputValues();
        assertThat(out.get(1).incident().recurrenceOf()).isEqualTo("i1");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(BEGINNING.plus(Duration.ofDays(32)).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.close();
    }

    @Test
    @org.junit.jupiter.api.Timeout(
            value = 20,
            threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void historyDueBetweenMillisecondsIsPrunedByItsTimerNotReArmedForever() throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new TrackRecurrenceFunction(RecurrenceOptions.defaults())),
                        TrackRecurrenceFunction::keyOf,
                        Types.STRING);
        harness.open();
        harness.processElement(
                new StreamRecord<>(
                        new IncidentUpdate(
                                RecurrenceTrackerTest.incident(
                                        "i1", "sigA", BEGINNING.plusNanos(301_601)),
                                IncidentChange.OPENED,
                                List.of()),
                        0));

        harness.processWatermark(BEGINNING.plus(Duration.ofDays(32)).toEpochMilli());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.close();
    }
}
