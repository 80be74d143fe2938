package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.scope.ScopedAlert;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.json.EventJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class WireSerializersTest {

  /** Random alerts: nanosecond instants, absent end, empty and long texts, non-ASCII, many labels. */
  private static AlertEvent randomAlert(SplittableRandom r) {
    Instant t = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000), r.nextInt(1_000_000_000));
    Map<String, String> labels = new HashMap<>();
    for (int i = r.nextInt(12); i > 0; i--) {
      labels.put("k" + r.nextInt(50), text(r));
    }
    Map<String, String> annotations = r.nextBoolean() ? Map.of() : Map.of("description", text(r) + "x".repeat(r.nextInt(70_000)));
    boolean resolved = r.nextBoolean();
    return new AlertEvent(AlertEvent.SCHEMA_VERSION, "alertmanager", t, t.plusMillis(r.nextInt(5_000)), "fp-" + r.nextLong(),
        resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING, "Rule" + r.nextInt(9), "svc-" + r.nextInt(9), "prod",
        Severity.values()[r.nextInt(Severity.values().length)], text(r), labels, annotations, t.minusSeconds(r.nextInt(600)),
        resolved ? t : null, r.nextBoolean() ? "http://prometheus/graph?g0.expr=up" : null, r.nextBoolean() ? "raw-" + r.nextInt() : "");
  }

  private static String text(SplittableRandom r) {
    String[] words = {"", "disk", "naïve", "Überlast", "ошибка", "エラー", "p99 > 2s", "\"quoted\"", "tab\tnew\nline"};
    return words[r.nextInt(words.length)] + (r.nextBoolean() ? " " + words[r.nextInt(words.length)] : "");
  }

  private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(value, out);
    T back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    // copy(in, out) must move exactly one record's bytes.
    DataOutputSerializer copied = new DataOutputSerializer(64);
    serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    return back;
  }

  @Test
  void alertsSurviveTheBinaryRoundTripEqualToTheirJsonRoundTrip() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 2_000; i++) {
      AlertEvent a = randomAlert(r);
      AlertEvent back = roundTrip(AlertEventSerializer.INSTANCE, a);
      assertThat(back).isEqualTo(a);
      assertThat(back).isEqualTo(EventJson.read(EventJson.toBytes(a), AlertEvent.class));
    }
  }

  @Test
  void recordsFollowEachOtherInOneStream() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    List<ScopedAlert> sent = List.of(new ScopedAlert("prod/topo:checkout", randomAlert(r)),
        new ScopedAlert("staging/svc-1", randomAlert(r)), new ScopedAlert("prod/cluster=eu-1", randomAlert(r)));
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (ScopedAlert s : sent) {
      ScopedAlertSerializer.INSTANCE.serialize(s, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (ScopedAlert s : sent) {
      assertThat(ScopedAlertSerializer.INSTANCE.deserialize(in)).isEqualTo(s);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void snapshotsRestoreACompatibleSerializer() throws Exception {
    for (TypeSerializer<?> serializer : List.of(AlertEventSerializer.INSTANCE, ScopedAlertSerializer.INSTANCE)) {
      snapshotRoundTrip(serializer);
    }
    assertThat(WireTypeInfo.ALERT).isNotEqualTo(JsonTypeInfo.of(AlertEvent.class));
    assertThat(AlertEventSerializer.INSTANCE.isImmutableType()).isTrue();
  }

  private static <T> void snapshotRoundTrip(TypeSerializer<T> serializer) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
    TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), WireSerializersTest.class.getClassLoader());
    assertThat(restored.restoreSerializer()).isSameAs(serializer);
    assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
  }

}
