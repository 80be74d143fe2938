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

    /**
     * Random alerts: nanosecond instants, absent end, empty and long texts, non-ASCII, many labels.
     */
    private static AlertEvent randomAlert(SplittableRandom r) {
        Instant t =
                Instant.ofEpochSecond(
                        1_700_000_000L + r.nextInt(100_000_000), r.nextInt(1_000_000_000));
        Map<String, String> labels = new HashMap<>();
        for (int i = r.nextInt(12); i > 0; i--) {
            labels.put("k" + r.nextInt(50), text(r));
        }
        Map<String, String> annotations =
                r.nextBoolean()
                        ? Map.of()
                        : Map.of("description", text(r) + "x".repeat(r.nextInt(70_000)));
        boolean resolved = r.nextBoolean();
        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                "alertmanager",
                t,
                t.plusMillis(r.nextInt(5_000)),
                "fp-" + r.nextLong(),
                resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING,
                "Rule" + r.nextInt(9),
                "svc-" + r.nextInt(9),
                "prod",
                Severity.values()[r.nextInt(Severity.values().length)],
                text(r),
                labels,
                annotations,
                t.minusSeconds(r.nextInt(600)),
                resolved ? t : null,
                r.nextBoolean() ? "http://prometheus/graph?g0.expr=up" : null,
                r.nextBoolean() ? "raw-" + r.nextInt() : "");
    }

    private static String text(SplittableRandom r) {
        String[] words = {
            "",
            "disk",
            "naïve",
            "Überlast",
            "ошибка",
            "エラー",
            "p99 > 2s",
            "\"quoted\"",
            "tab\tnew\nline"
        };
        return words[r.nextInt(words.length)]
                + (r.nextBoolean() ? " " + words[r.nextInt(words.length)] : "");
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
            AlertEvent back = roundTrip(AlertEventWireSerializer.INSTANCE, a);
            assertThat(back).isEqualTo(a);
            assertThat(back).isEqualTo(EventJson.read(EventJson.toBytes(a), AlertEvent.class));
        }
    }

    @Test
    void recordsFollowEachOtherInOneStream() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        List<ScopedAlert> sent =
                List.of(
                        new ScopedAlert("prod/topo:checkout", randomAlert(r)),
                        new ScopedAlert("staging/svc-1", randomAlert(r)),
                        new ScopedAlert("prod/cluster=eu-1", randomAlert(r)));
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (ScopedAlert s : sent) {
            ScopedAlertWireSerializer.INSTANCE.serialize(s, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (ScopedAlert s : sent) {
            assertThat(ScopedAlertWireSerializer.INSTANCE.deserialize(in)).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void snapshotsRestoreACompatibleSerializer() throws Exception {
        for (TypeSerializer<?> serializer :
                List.of(
                        AlertEventWireSerializer.INSTANCE,
                        ScopedAlertWireSerializer.INSTANCE,
                        IncidentUpdateWireSerializer.INSTANCE,
                        IncidentAlertLinkWireSerializer.INSTANCE)) {
            snapshotRoundTrip(serializer);
        }
        assertThat(WireTypeInfo.ALERT).isNotEqualTo(JsonTypeInfo.of(AlertEvent.class));
        assertThat(AlertEventWireSerializer.INSTANCE.isImmutableType()).isTrue();
    }

    private static <T> void snapshotRoundTrip(TypeSerializer<T> serializer) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        WireSerializersTest.class.getClassLoader());
        assertThat(restored.restoreSerializer()).isSameAs(serializer);
        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAsIs())
                .isTrue();
    }

    @Test
    void incidentUpdatesFromTheCorrelatorSurviveTheBinaryRoundTrip() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        dev.incidentintel.correlation.correlate.IncidentCorrelator correlator =
                new dev.incidentintel.correlation.correlate.IncidentCorrelator(
                        dev.incidentintel.correlation.correlate.GroupingOptions.defaults());
        dev.incidentintel.correlation.correlate.ScopeState scope =
                new dev.incidentintel.correlation.correlate.ScopeState();
        List<dev.incidentintel.events.DeployEvent> deploys =
                List.of(
                        new dev.incidentintel.events.DeployEvent(
                                1,
                                "argo",
                                Instant.parse("2026-11-24T09:59:00.5Z"),
                                "svc-1",
                                "prod",
                                "v2",
                                "abc123",
                                dev.incidentintel.events.DeployStatus.SUCCEEDED,
                                "https://ci/1"));
        int updates = 0;
        int withSuspects = 0;
        Instant t = Instant.parse("2026-11-24T10:00:00.123456789Z");
        for (int i = 0; i < 400; i++) {
            t = t.plusMillis(r.nextInt(20_000));
            String fp = "fp" + r.nextInt(30);
            boolean resolve = r.nextInt(4) == 0;
            AlertEvent a =
                    new AlertEvent(
                            1,
                            "alertmanager",
                            t,
                            t,
                            fp,
                            resolve ? AlertStatus.RESOLVED : AlertStatus.FIRING,
                            "Rule" + fp,
                            "svc-" + r.nextInt(3),
                            "prod",
                            Severity.WARNING,
                            text(r),
                            Map.of("pod", "p" + r.nextInt(3)),
                            Map.of(),
                            t.minusSeconds(30),
                            resolve ? t : null,
                            null,
                            null);
            for (dev.incidentintel.events.IncidentUpdate u :
                    correlator.onAlert(scope, a, env -> deploys).updates()) {
                // Lifecycle, triage and recurrence fields as later stages fill them.
                dev.incidentintel.events.IncidentUpdate full =
                        new dev.incidentintel.events.IncidentUpdate(
                                u.incident().toBuilder()
                                        .acknowledgedAt(r.nextBoolean() ? t : null)
                                        .mitigatedAt(r.nextBoolean() ? t : null)
                                        .closedAt(r.nextBoolean() ? t : null)
                                        .priority(r.nextBoolean() ? "P2" : "")
                                        .category(text(r))
                                        .team("team-" + r.nextInt(3))
                                        .triageConfidence(r.nextDouble())
                                        .tier(
                                                dev.incidentintel.events.Tier.values()[
                                                        r.nextInt(
                                                                dev.incidentintel.events.Tier
                                                                        .values()
                                                                        .length)])
                                        .escalations(r.nextInt(3))
                                        .recurrenceOf(r.nextBoolean() ? "inc-earlier" : "")
                                        .rarity("rare")
                                        .build(),
                                u.change(),
                                u.newLinks());
                assertThat(roundTrip(IncidentUpdateWireSerializer.INSTANCE, full))
                        .isEqualTo(full)
                        .isEqualTo(
                                EventJson.read(
                                        EventJson.toBytes(full),
                                        dev.incidentintel.events.IncidentUpdate.class));
                for (dev.incidentintel.events.IncidentAlertLink link : full.newLinks()) {
                    assertThat(roundTrip(IncidentAlertLinkWireSerializer.INSTANCE, link))
                            .isEqualTo(link);
                }
                updates++;
                withSuspects += full.incident().suspectDeploys().isEmpty() ? 0 : 1;
            }
        }
        assertThat(updates).as("updates exercised").isGreaterThan(50);
        assertThat(withSuspects).as("updates with suspect deploys").isGreaterThan(0);
    }
}
