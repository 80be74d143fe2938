package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The Grafana OnCall example payloads that are not Alertmanager-shaped (formatted webhook, Zabbix,
 * Kapacitor, ElastAlert, plain webhook, inbound email) through generic mappings as an operator
 * would configure them. Expected values are read from the files by hand.
 */
class GenericNormalizerDatasetTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");
    private final GenericNormalizer normalizer = new GenericNormalizer(LabelMapping.defaults());

    private static GenericMapping mapping(String... keyValues) {
        Properties props = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty("ingest.generic.x." + keyValues[i], keyValues[i + 1]);
        }
        return GenericMapping.fromProperties(props).get("x");
    }

    private AlertEvent one(String file, GenericMapping mapping) {
        List<AlertEvent> events =
                normalizer.normalize(
                        "x", mapping, JsonBodies.parse(Datasets.alertPayload(file)), RECEIVED);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void formattedWebhookAndZabbixUseAlertUidAsFingerprint() {
        GenericMapping m =
                mapping(
                        "fingerprint",
                        "/alert_uid",
                        "name",
                        "/title",
                        "status",
                        "/state",
                        "summary",
                        "/message");
        for (String file :
                List.of(
                        "grafana_oncall_examples/formatted_webhook.json",
                        "grafana_oncall_examples/zabbix.json")) {
            AlertEvent e = one(file, m);
            assertThat(e.fingerprint()).isEqualTo("08d6891a-835c-e661-39fa-96b6a9e26552");
            assertThat(e.name()).isEqualTo("TestAlert: The whole system is down");
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.summary())
                    .isEqualTo(
                            "This alert was sent by user for demonstration purposes\nSmth happened. Oh no!");
            assertThat(e.source()).isEqualTo("generic:x");
            assertThat(e.eventTime()).isEqualTo(RECEIVED);
        }
    }

    @Test
    void kapacitorIdIsTheName() {
        AlertEvent e =
                one(
                        "grafana_oncall_examples/kapacitor.json",
                        mapping("fingerprint", "/id", "name", "/id", "summary", "/message"));
        assertThat(e.fingerprint()).isEqualTo("TestAlert");
        assertThat(e.name()).isEqualTo("TestAlert");
    }

    @Test
    void messageOnlyPayloadsGetTheDocumentedFingerprintOfTheirName() {
        GenericMapping m = mapping("name", "/message");
        for (String file :
                List.of(
                        "grafana_oncall_examples/webhook.json",
                        "grafana_oncall_examples/elastalert.json")) {
            AlertEvent e = one(file, m);
            assertThat(e.name())
                    .isEqualTo("This alert was sent by user for demonstration purposes");
            assertThat(e.service()).isEqualTo("unknown");
        }
    }

    @Test
    void inboundEmailSubjectIsTheName() {
        AlertEvent e =
                one(
                        "grafana_oncall_examples/inbound_email.json",
                        mapping("name", "/subject", "summary", "/message", "service", "/sender"));
        assertThat(e.name()).isEqualTo("Test email subject");
        assertThat(e.service()).isEqualTo("sender@example.com");
        assertThat(e.summary()).isEqualTo("Test email message");
    }

    @Test
    void itemsPointerSplitsABatchAndResolvedWordsResolve() {
        GenericMapping m =
                mapping(
                        "items", "/events", "name", "/title", "status", "/state", "labels", "/tags",
                        "endsAt", "/end");
        String body =
                "{\"events\":[{\"title\":\"A\",\"state\":\"ok\",\"end\":\"2024-05-01T11:00:00Z\",\"tags\":{\"service\":\"api\",\"env\":\"prod\"}},"
                        + "{\"title\":\"B\",\"state\":\"alerting\",\"tags\":{\"alertname\":\"TestAlert\",\"region\":\"eu-1\"}}]}";
        List<AlertEvent> events =
                normalizer.normalize("x", m, JsonBodies.parse(body.getBytes()), RECEIVED);
        assertThat(events)
                .extracting(AlertEvent::status)
                .containsExactly(AlertStatus.RESOLVED, AlertStatus.FIRING);
        assertThat(events.get(0).eventTime()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
        assertThat(events.get(0).scopeKey()).isEqualTo("prod/api");
        // Labels {alertname: TestAlert, region: eu-1}: documented fingerprint computed separately.
        assertThat(events.get(1).fingerprint()).isEqualTo("45eddef8c70acc87");
        assertThat(events.get(1).labels())
                .isEqualTo(Map.of("alertname", "TestAlert", "region", "eu-1"));
    }

    @Test
    void missingNameNamesThePointer() {
        GenericMapping m = mapping("items", "/events", "name", "/title");
        assertThatThrownBy(
                        () ->
                                normalizer.normalize(
                                        "x",
                                        m,
                                        JsonBodies.parse(
                                                "{\"events\":[{\"title\":\"A\"},{}]}".getBytes()),
                                        RECEIVED))
                .isInstanceOfSatisfying(
                        IngestException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
                            assertThat(e.field()).isEqualTo("/events/1/title");
                        });
    }

    @Test
    void unknownStatusWordIsRejected() {
        GenericMapping m = mapping("name", "/t", "status", "/s");
        assertThatThrownBy(
                        () ->
                                normalizer.normalize(
                                        "x",
                                        m,
                                        JsonBodies.parse(
                                                "{\"t\":\"A\",\"s\":\"maybe\"}".getBytes()),
                                        RECEIVED))
                .isInstanceOfSatisfying(
                        IngestException.class, e -> assertThat(e.field()).isEqualTo("/s"));
    }

    @Test
    void badMappingConfigurationNamesTheKey() {
        assertThatThrownBy(() -> mapping("name", "title"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingest.generic.x.name");
        assertThatThrownBy(() -> mapping("service", "/s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingest.generic.x.name is required");
    }
}
