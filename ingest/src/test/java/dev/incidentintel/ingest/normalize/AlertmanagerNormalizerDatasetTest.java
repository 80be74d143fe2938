package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Normalises the real Alertmanager payloads of the shared dataset. Every expected value below was
 * written by hand from the file content (see the comment above each file's expectation).
 */
class AlertmanagerNormalizerDatasetTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00.250Z");
    private static final String ZULIP_GENERATOR_URL =
            "http://cobalt:9090/graph?g0.expr=avg+by%28host%29+%28sensors_temp_input%7Bfeature%3D~%22core_%5B0-9%5D%2B%22%7D%29+%3E+15&g0.tab=1";
    private static final Instant ZULIP_STARTS = Instant.parse("2020-02-06T00:17:58.432911368Z");

    private final AlertmanagerNormalizer normalizer = new AlertmanagerNormalizer();

    private List<AlertEvent> normalize(String file) {
        return normalizer.normalize(JsonBodies.parse(Datasets.alertPayload(file)), RECEIVED);
    }

    @Test
    void zulipTwoFiringAlertsKeepUpstreamFingerprintsAndMapHostToService() {
        // alertmanager/zulip_alert.json: two firing alerts on host andromeda, no environment label,
        // endsAt is Go's zero time, groupKey "{}/{}:{}".
        List<AlertEvent> events = normalize("alertmanager/zulip_alert.json");

        Map<String, String> labels =
                Map.of(
                        "alertname",
                        "High CPU Temperature",
                        "host",
                        "andromeda",
                        "severity",
                        "critical");
        AlertEvent first =
                new AlertEvent(
                        1,
                        "alertmanager",
                        ZULIP_STARTS,
                        RECEIVED,
                        "a1bc48475b20e73d",
                        AlertStatus.FIRING,
                        "High CPU Temperature",
                        "andromeda",
                        "unknown",
                        Severity.CRITICAL,
                        "High CPU core temperature",
                        labels,
                        Map.of(
                                "description", "CPU core temperature is 34.75C",
                                "topic", "andromeda",
                                "summary", "High CPU core temperature"),
                        ZULIP_STARTS,
                        null,
                        ZULIP_GENERATOR_URL,
                        "{}/{}:{}");
        AlertEvent second =
                new AlertEvent(
                        1,
                        "alertmanager",
                        ZULIP_STARTS,
                        RECEIVED,
                        "c2ea85182f28cbd9",
                        AlertStatus.FIRING,
                        "High CPU Temperature",
                        "andromeda",
                        "unknown",
                        Severity.CRITICAL,
                        "High CPU core temperature",
                        labels,
                        Map.of(
                                "description", "CPU core temperature is 17.625C",
                                "topic", "andromeda",
                                "summary", "High CPU core temperature"),
                        ZULIP_STARTS,
                        null,
                        ZULIP_GENERATOR_URL,
                        "{}/{}:{}");

        assertThat(events).containsExactly(first, second);
        // Nanosecond precision of startsAt survives.
        assertThat(events.get(0).startsAt().getNano()).isEqualTo(432_911_368);
        assertThat(events.get(0).endsAt()).isNull();
        assertThat(events.get(0).scopeKey()).isEqualTo("unknown/andromeda");
    }

    @Test
    void zulipResolvedAlertWithoutEndsAtUsesReceiveTimeAsEventTime() {
        // alertmanager/zulip_single_alert_resolved.json: resolved, but endsAt is Go's zero time.
        List<AlertEvent> events = normalize("alertmanager/zulip_single_alert_resolved.json");

        AlertEvent expected =
                new AlertEvent(
                        1,
                        "alertmanager",
                        RECEIVED,
                        RECEIVED,
                        "a1bc48475b20e73d",
                        AlertStatus.RESOLVED,
                        "High CPU Temperature",
                        "andromeda",
                        "unknown",
                        Severity.CRITICAL,
                        "High CPU core temperature",
                        Map.of(
                                "alertname",
                                "High CPU Temperature",
                                "host",
                                "andromeda",
                                "severity",
                                "critical"),
                        Map.of(
                                "description", "CPU core temperature is 34.75C",
                                "topic", "andromeda",
                                "summary", "High CPU core temperature"),
                        ZULIP_STARTS,
                        null,
                        ZULIP_GENERATOR_URL,
                        "{}/{}:{}");
        assertThat(events).containsExactly(expected);
    }

    @Test
    void grafanaOncallAlertmanagerExampleTakesServiceFromJobAndSummaryFromTitle() {
        // grafana_oncall_examples/alertmanager.json: job=node beats instance; "group" is not an
        // environment label; no summary annotation, so title is used; generatorURL is "".
        List<AlertEvent> events = normalize("grafana_oncall_examples/alertmanager.json");

        Instant starts = Instant.parse("2023-06-12T08:24:38.326Z");
        String groupKey = "{}:{alertname=\"InstanceDown\"}";
        AlertEvent production =
                new AlertEvent(
                        1,
                        "alertmanager",
                        starts,
                        RECEIVED,
                        "f404ecabc8dd5cd7",
                        AlertStatus.FIRING,
                        "InstanceDown",
                        "node",
                        "unknown",
                        Severity.CRITICAL,
                        "Instance localhost:8081 down",
                        Map.of(
                                "job", "node",
                                "group", "production",
                                "instance", "localhost:8081",
                                "severity", "critical",
                                "alertname", "InstanceDown"),
                        Map.of(
                                "title", "Instance localhost:8081 down",
                                "description",
                                        "localhost:8081 of job node has been down for more than 1 minute."),
                        starts,
                        null,
                        "",
                        groupKey);
        AlertEvent canary =
                new AlertEvent(
                        1,
                        "alertmanager",
                        starts,
                        RECEIVED,
                        "f8f08d4e32c61a9d",
                        AlertStatus.FIRING,
                        "InstanceDown",
                        "node",
                        "unknown",
                        Severity.CRITICAL,
                        "Instance localhost:8082 down",
                        Map.of(
                                "job", "node",
                                "group", "canary",
                                "instance", "localhost:8082",
                                "severity", "critical",
                                "alertname", "InstanceDown"),
                        Map.of(
                                "title", "Instance localhost:8082 down",
                                "description",
                                        "localhost:8082 of job node has been down for more than 1 minute."),
                        starts,
                        null,
                        "",
                        groupKey);

        assertThat(events).containsExactly(production, canary);
    }

    @Test
    void grafanaOncallLegacyExampleWithoutFingerprintGetsTheDocumentedLabelHash() {
        // grafana_oncall_examples/legacy_alertmanager.json: no fingerprint, unknown extra property
        // "amixr_demo", summary from "message". Fingerprint by hand:
        // sha256("v1;9:alertname9:TestAlert;6:region4:eu-1;8:severity8:critical;")[0..16]
        List<AlertEvent> events = normalize("grafana_oncall_examples/legacy_alertmanager.json");

        Instant starts = Instant.parse("2018-12-25T15:47:47.377363608Z");
        AlertEvent expected =
                new AlertEvent(
                        1,
                        "alertmanager",
                        starts,
                        RECEIVED,
                        "70e6dc2fdd229dee",
                        AlertStatus.FIRING,
                        "TestAlert",
                        "unknown",
                        "unknown",
                        Severity.CRITICAL,
                        "This is test alert",
                        Map.of("alertname", "TestAlert", "region", "eu-1", "severity", "critical"),
                        Map.of(
                                "message", "This is test alert",
                                "description",
                                        "This alert was sent by user for demonstration purposes",
                                "runbook_url", "https://grafana.com/"),
                        starts,
                        null,
                        "",
                        "{}:{}");
        assertThat(events).containsExactly(expected);
    }
}
