package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.Severity;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Opsgenie webhook and Create Alert bodies. */
class OpsgenieNormalizerTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");
    private final OpsgenieNormalizer normalizer = new OpsgenieNormalizer(LabelMapping.defaults());

    private static String webhook(String action) {
        // Shape of Opsgenie's outgoing webhook; createdAt in epoch ms, updatedAt in epoch ns.
        return "{\"action\":\""
                + action
                + "\",\"alert\":{\"alertId\":\"8418d193-2dab-4490-b331-8c02cdd196b7-1517405460588\","
                + "\"message\":\"CPU high\",\"tags\":[\"tag1\",\"tag2\"],\"tinyId\":\"11\",\"entity\":\"web-1\",\"alias\":\"cpu-web-1\","
                + "\"createdAt\":1517405460588,\"updatedAt\":1517405470588000000,\"username\":\"john@example.com\",\"team\":\"sre\","
                + "\"priority\":\"P2\",\"source\":\"datadog\",\"details\":{\"service\":\"checkout\",\"env\":\"prod\"}},"
                + "\"source\":{\"name\":\"\",\"type\":\"api\"},\"integrationName\":\"Webhook\"}";
    }

    private Normalized normalize(String json) {
        return normalizer.normalize(JsonBodies.parse(json.getBytes()), RECEIVED);
    }

    @Test
    void createIsAFiringAlertKeyedByAlias() {
        AlertEvent a = normalize(webhook("Create")).alerts().get(0);
        assertThat(a.fingerprint()).isEqualTo("cpu-web-1");
        assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(a.name()).isEqualTo("CPU high");
        assertThat(a.service()).isEqualTo("checkout");
        assertThat(a.environment()).isEqualTo("prod");
        assertThat(a.severity()).isEqualTo(Severity.ERROR);
        assertThat(a.eventTime()).isEqualTo(Instant.ofEpochMilli(1517405460588L));
        assertThat(a.labels()).containsEntry("tags", "tag1,tag2").containsEntry("entity", "web-1");
        assertThat(a.rawId()).isEqualTo("8418d193-2dab-4490-b331-8c02cdd196b7-1517405460588");
    }

    @Test
    void closeResolvesTheAlertAndEmitsResolve() {
        Normalized n = normalize(webhook("Close"));
        assertThat(n.alerts().get(0).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(n.alerts().get(0).eventTime()).isEqualTo(Instant.ofEpochMilli(1517405470588L));
        assertThat(n.lifecycle().get(0).action()).isEqualTo(LifecycleAction.RESOLVE);
        assertThat(n.lifecycle().get(0).alertFingerprint()).isEqualTo("cpu-web-1");
    }

    @Test
    void acknowledgeIsAnAckByTheUser() {
        Normalized n = normalize(webhook("Acknowledge"));
        assertThat(n.alerts()).isEmpty();
        assertThat(n.lifecycle().get(0).action()).isEqualTo(LifecycleAction.ACK);
        assertThat(n.lifecycle().get(0).actor()).isEqualTo("john@example.com");
        assertThat(n.lifecycle().get(0).team()).isEqualTo("sre");
        assertThat(n.lifecycle().get(0).eventTime())
                .isEqualTo(Instant.ofEpochMilli(1517405470588L));
    }

    @Test
    void otherActionsAreIgnored() {
        Normalized n = normalize(webhook("AddTags"));
        assertThat(n.eventCount()).isZero();
        assertThat(n.ignored()).isEqualTo(1);
    }

    @Test
    void createAlertApiBodyWithoutAliasGetsTheDocumentedFingerprint() {
        AlertEvent a =
                normalize("{\"message\":\"CPU high\",\"entity\":\"web-1\",\"priority\":\"P1\"}")
                        .alerts()
                        .get(0);
        // Netstring sha256 of {message: CPU high, entity: web-1}, computed separately.
        assertThat(a.fingerprint()).isEqualTo("6eb74043212af89a");
        assertThat(a.service()).isEqualTo("web-1");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void missingMessageIsNamed() {
        assertThatThrownBy(() -> normalize("{\"action\":\"Create\",\"alert\":{\"alias\":\"a\"}}"))
                .isInstanceOfSatisfying(
                        IngestException.class,
                        e -> assertThat(e.field()).isEqualTo("alert.message"));
    }
}
