package dev.incidentintel.correlation.flink;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.recurrence.RecurrenceTrackerTest;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.triage.SampleModel;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageIncidentsFunctionTest {

    @Test
    void loadsTheModelDirectoryAndEnrichesOpenedIncidents(@TempDir Path dir) throws Exception {
        SampleModel.trainInto(dir, "");
        var harness =
                new OneInputStreamOperatorTestHarness<>(
                        new StreamMap<>(new TriageIncidentsFunction(dir.toString())));
        harness.open();
        Incident db =
                RecurrenceTrackerTest.incident("i1", "sigA", BEGINNING).toBuilder()
                        .title("postgres replication lag deadlock")
                        .build();
        Incident categorised = db.toBuilder().id("i2").category("network").build();
        harness.processElement(
                new StreamRecord<>(new IncidentUpdate(db, IncidentChange.OPENED, List.of()), 0));
        harness.processElement(
                new StreamRecord<>(
                        new IncidentUpdate(categorised, IncidentChange.OPENED, List.of()), 0));

        List<IncidentUpdate> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).incident().team()).isIn("team-db", "");
        assertThat(out.get(0).incident().priority()).isEqualTo("P1");
        assertThat(out.get(0).change()).isEqualTo(IncidentChange.OPENED);
        assertThat(out.get(1).incident()).isEqualTo(categorised);
        harness.close();
    }
}
