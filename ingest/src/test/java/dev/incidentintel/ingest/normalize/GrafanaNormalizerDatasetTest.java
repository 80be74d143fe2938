package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grafana payloads of the shared dataset through {@link GrafanaNormalizer}. Expected values are
 * read by hand from the files; the one computed fingerprint was computed separately from the
 * documented definition (Python, sha256 of the netstring form).
 */
class GrafanaNormalizerDatasetTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");
    private final GrafanaNormalizer normalizer =
            new GrafanaNormalizer(new AlertmanagerNormalizer());

    private List<AlertEvent> normalize(String file) {
        return normalizer.normalize(JsonBodies.parse(Datasets.alertPayload(file)), RECEIVED);
    }

    @Test
    void grafana12WebhookKeepsOrgIdValuesAndUrls() {
        // grafana_alerting/keep_grafana12_webhook.json: version "1", one firing alert, orgId 1.
        AlertEvent event = normalize("grafana_alerting/keep_grafana12_webhook.json").get(0);

        Instant starts = Instant.parse("2026-05-05T13:04:57.62281314Z");
        AlertEvent expected =
                new AlertEvent(
                        1,
                        "grafana",
                        starts,
                        RECEIVED,
                        "c4edaaf9f9f839b0",
                        AlertStatus.FIRING,
                        "TestAlert",
                        "Grafana",
                        "unknown",
                        Severity.UNKNOWN,
                        "TEST",
                        Map.of(
                                "alertname",
                                "TestAlert",
                                "grafana_folder",
                                "Test Folder",
                                "instance",
                                "Grafana",
                                "orgId",
                                "1"),
                        Map.ofEntries(
                                Map.entry("description", "Test Description"),
                                Map.entry("summary", "TEST"),
                                Map.entry(
                                        "silenceURL",
                                        "https://grafana.example.com/alerting/silence/new"),
                                Map.entry(
                                        "dashboardURL",
                                        "https://grafana.example.com/d/dashboard_uid"),
                                Map.entry(
                                        "panelURL",
                                        "https://grafana.example.com/d/dashboard_uid?viewPanel=1"),
                                Map.entry("values", "{\"B\":22,\"C\":1}"),
                                Map.entry("valueString", "[ var='B' value=22 ]"),
                                Map.entry("grafana_title", "TestAlert"),
                                Map.entry("grafana_message", "Firing"),
                                Map.entry("grafana_state", "alerting"),
                                Map.entry("grafana_externalURL", "https://grafana.example.com/")),
                        starts,
                        null,
                        "?orgId=1",
                        "webhook-c4edaaf9f9f839b0-1777986297");
        assertThat(event).isEqualTo(expected);
    }

    @Test
    void oncallGrafanaAlertingExampleGivesThreeAlertsWithTheirFingerprints() {
        // grafana_oncall_examples/grafana_alerting.json: 3 firing InstanceDown alerts, job node.
        List<AlertEvent> events = normalize("grafana_oncall_examples/grafana_alerting.json");

        assertThat(events)
                .extracting(AlertEvent::fingerprint)
                .containsExactly("f404ecabc8dd5cd7", "f8f08d4e32c61a9d", "39f38c0611ee7abd");
        assertThat(events).extracting(AlertEvent::service).containsOnly("node");
        assertThat(events).extracting(AlertEvent::severity).containsOnly(Severity.CRITICAL);
        assertThat(events)
                .extracting(AlertEvent::summary)
                .containsExactly(
                        "Instance localhost:8081 down",
                        "Instance localhost:8082 down",
                        "Instance localhost:8083 down");
        assertThat(events).extracting(AlertEvent::source).containsOnly("grafana");
        assertThat(events.get(0).startsAt()).isEqualTo(Instant.parse("2023-06-12T08:24:38.326Z"));
        assertThat(events.get(0).rawId()).isEqualTo("{}:{alertname=\"InstanceDown\"}");
    }

    @Test
    void legacyGrafanaAlertsWithoutFingerprintGetTheDocumentedOneAndKeepExtraFields() {
        // grafana_oncall_examples/legacy_grafana_alerting.json and grafana.json are identical:
        // labels
        // {alertname: TestAlert, region: eu-1}, no fingerprint, extra "amixr_demo": true.
        for (String file :
                List.of(
                        "grafana_oncall_examples/legacy_grafana_alerting.json",
                        "grafana_oncall_examples/grafana.json")) {
            AlertEvent event = normalize(file).get(0);
            assertThat(event.fingerprint()).isEqualTo("45eddef8c70acc87");
            assertThat(event.name()).isEqualTo("TestAlert");
            assertThat(event.annotations())
                    .containsEntry("amixr_demo", "true")
                    .containsEntry("grafana_externalURL", "http://f1d1ef51d710:9093")
                    .containsEntry(
                            "description",
                            "This alert was sent by user for demonstration purposes");
            assertThat(event.startsAt()).isEqualTo(Instant.parse("2018-12-25T15:47:47.377363608Z"));
        }
    }

    @Test
    void orgIdDoesNotChangeAComputedFingerprint() {
        String withOrg =
                "{\"orgId\":7,\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"TestAlert\",\"region\":\"eu-1\"},"
                        + "\"startsAt\":\"2024-01-01T00:00:00Z\"}]}";
        AlertEvent event =
                normalizer.normalize(JsonBodies.parse(withOrg.getBytes()), RECEIVED).get(0);
        assertThat(event.fingerprint()).isEqualTo("45eddef8c70acc87");
        assertThat(event.labels()).containsEntry("orgId", "7");
    }

    @Test
    void missingAlertsIsNamed() {
        assertThatThrownBy(
                        () ->
                                normalizer.normalize(
                                        JsonBodies.parse("{\"status\":\"firing\"}".getBytes()),
                                        RECEIVED))
                .isInstanceOfSatisfying(
                        IngestException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
                            assertThat(e.field()).isEqualTo("alerts");
                        });
    }
}
