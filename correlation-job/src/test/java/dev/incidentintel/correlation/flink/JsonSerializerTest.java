package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.correlate.IncidentCorrelator;
import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.json.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class JsonSerializerTest {
    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    private static AlertEvent alert(Map<String, String> labels) {
        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                "alertmanager",
                T,
                T,
                "fp-1",
                AlertStatus.FIRING,
                "HighErrorRate",
                "checkout",
                "prod",
                Severity.CRITICAL,
                "errors",
                labels,
                Map.of(),
                T,
                null,
                null,
                null);
    }

    @Test
    void eventRecordsAreImmutableSoACopyIsTheSameInstance() {
        Map<String, String> labels = new HashMap<>(Map.of("team", "payments"));
        AlertEvent a = alert(labels);
        // The contract that makes sharing safe: the record took its own unmodifiable copy.
        labels.put("team", "someone-else");
        assertThat(a.labels()).containsEntry("team", "payments");
        assertThatThrownBy(() -> a.labels().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);

        JsonSerializer<AlertEvent> serializer = new JsonSerializer<>(AlertEvent.class);
        assertThat(serializer.isImmutableType()).isTrue();
        assertThat(serializer.copy(a)).isSameAs(a);
    }

    @Test
    void mutableStateIsDeepCopied() {
        DeployEvent d =
                new DeployEvent(
                        1, "ci", T, "checkout", "prod", "v1", "abc", DeployStatus.SUCCEEDED, "");
        RecentDeploys state = new RecentDeploys().with(d, Duration.ofHours(1));
        JsonSerializer<RecentDeploys> serializer = new JsonSerializer<>(RecentDeploys.class);
        assertThat(serializer.isImmutableType()).isFalse();

        RecentDeploys copy = serializer.copy(state);
        assertThat(copy).isNotSameAs(state);
        copy.deploys().clear();
        assertThat(state.deploys()).containsExactly(d);
    }

    @Test
    void scopeStateIsCopiedByItsOwnDeepCopy() {
        IncidentCorrelator correlator = new IncidentCorrelator(GroupingOptions.defaults());
        ScopeState state = new ScopeState();
        correlator.onAlert(state, alert(Map.of("team", "payments")));
        JsonSerializer<ScopeState> serializer = new JsonSerializer<>(ScopeState.class);

        ScopeState copy = serializer.copy(state);
        assertThat(copy).isNotSameAs(state);
        assertThat(copy.open()).hasSize(1);
        assertThat(copy.open().get(0)).isNotSameAs(state.open().get(0));
        assertThat(EventJson.toBytes(copy)).isEqualTo(EventJson.toBytes(state));
    }

    @Test
    void recordsOfValuesAreImmutableAndRecordsWithCollectionsAreNot() {
        assertThat(
                        new JsonSerializer<>(dev.incidentintel.correlation.scope.ScopePin.class)
                                .isImmutableType())
                .isTrue();
        record WithList(String name, java.util.List<String> items) {}
        assertThat(new JsonSerializer<>(WithList.class).isImmutableType()).isFalse();
        assertThat(new JsonSerializer<>(RecentDeploys.class).isImmutableType()).isFalse();
    }

    @Test
    void serializesAndDeserializesThroughBytes() throws Exception {
        AlertEvent a = alert(Map.of("team", "payments"));
        JsonSerializer<AlertEvent> serializer = new JsonSerializer<>(AlertEvent.class);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(a, out);
        AlertEvent back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(a).isNotSameAs(a);
    }
}
