package dev.incidentintel.correlation.flink;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.ONE_MINUTE_LATER;
import static dev.incidentintel.correlation.Alerts.firing;
import static dev.incidentintel.correlation.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorrelateAlertsFunctionTest {
  private static final Duration REOPEN = Duration.ofMinutes(30);
  private static final GroupingOptions OPTIONS =
      new GroupingOptions(Duration.ofMinutes(5), Duration.ofHours(1), REOPEN, Duration.ofMinutes(15));
  private KeyedOneInputStreamOperatorTestHarness<String, AlertEvent, IncidentUpdate> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, AlertEvent, IncidentUpdate> newHarness() throws Exception {
    // Not opened yet, so a test can restore state into it first.
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CorrelateAlertsFunction(OPTIONS)), AlertEvent::scopeKey, Types.STRING);
  }

  private void send(AlertEvent alert) throws Exception {
    harness.processElement(new StreamRecord<>(alert, alert.eventTime().toEpochMilli()));
  }

  @Test
  void emitsTheIncidentImmediatelyWithoutAWatermark() throws Exception {
    send(firing("fp1", "HighLatency", "checkout", BEGINNING));

    List<IncidentUpdate> out = harness.extractOutputValues();
    assertThat(out).singleElement().satisfies(u -> assertThat(u.change()).isEqualTo(IncidentChange.OPENED));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void resolvingEveryMemberClearsStateAndTimers() throws Exception {
    send(firing("fp1", "HighLatency", "checkout", BEGINNING));
    send(firing("fp2", "ErrorRate", "checkout", ONE_MINUTE_LATER));
    send(firing("fp9", "DiskFull", "db", BEGINNING));
    send(resolved("fp1", "HighLatency", "checkout", BEGINNING, BEGINNING.plusSeconds(120)));
    send(resolved("fp2", "ErrorRate", "checkout", ONE_MINUTE_LATER, BEGINNING.plusSeconds(180)));

    List<IncidentUpdate> out = harness.extractOutputValues();
    IncidentUpdate last = out.get(out.size() - 1);
    assertThat(last.incident().status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(last.incident().services()).containsExactly("checkout");
    // The resolved checkout incident waits out its reopen window; db is still open.
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
    harness.processWatermark(BEGINNING.plusSeconds(180).plus(REOPEN).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    send(resolved("fp9", "DiskFull", "db", BEGINNING, BEGINNING.plusSeconds(200)));
    harness.processWatermark(BEGINNING.plusSeconds(200).plus(REOPEN).toEpochMilli());
    assertThat(harness.extractOutputValues()).hasSize(out.size() + 1); // timers emit nothing more
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void staleTimerClosesTheIncidentAndClearsState() throws Exception {
    send(firing("fp1", "DiskFull", "db", BEGINNING));
    harness.processWatermark(BEGINNING.plus(Duration.ofMinutes(59)).toEpochMilli());
    assertThat(harness.extractOutputValues()).hasSize(1);

    harness.processWatermark(BEGINNING.plus(Duration.ofHours(1)).toEpochMilli());

    List<IncidentUpdate> out = harness.extractOutputValues();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).incident().status()).isEqualTo(IncidentStatus.STALE);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void newActivityMovesTheSingleStaleTimerForward() throws Exception {
    send(firing("fp1", "DiskFull", "db", BEGINNING));
    Instant later = BEGINNING.plus(Duration.ofMinutes(3));
    send(firing("fp2", "Latency", "db", later));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(BEGINNING.plus(Duration.ofHours(1)).toEpochMilli());
    assertThat(harness.extractOutputValues()).hasSize(2); // not stale yet: last activity moved
    harness.processWatermark(later.plus(Duration.ofHours(1)).toEpochMilli());
    assertThat(harness.extractOutputValues()).hasSize(3);
    assertThat(harness.numKeyedStateEntries()).isZero();
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
    assertThat(out).singleElement().satisfies(u -> {
      assertThat(u.incident().status()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(u.incident().version()).isEqualTo(2);
      assertThat(u.incident().notificationCount()).isEqualTo(2);
    });
    harness.processWatermark(ONE_MINUTE_LATER.plus(REOPEN).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
