package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.Severity;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** PagerDuty Events API v2 and Change Events rules. */
class PagerDutyNormalizerTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");
    private final PagerDutyNormalizer normalizer = new PagerDutyNormalizer(LabelMapping.defaults());

    private PagerDutyNormalizer.Enqueue event(String json) {
        return normalizer.event(JsonBodies.parse(json.getBytes()), RECEIVED);
    }

    @Test
    void triggerKeepsDedupKeyAndMapsPayload() {
        // The example trigger from PagerDuty's Events API v2 documentation, shortened.
        PagerDutyNormalizer.Enqueue e =
                event(
                        "{\"routing_key\":\"R0123456789abcdef0123456789abcde\",\"event_action\":\"trigger\","
                                + "\"dedup_key\":\"srv01/mysql\",\"payload\":{\"summary\":\"DISK at 99% on machine prod-datapipe03\","
                                + "\"timestamp\":\"2015-07-17T08:42:58.315+0000\",\"severity\":\"critical\",\"source\":\"prod-datapipe03.example.com\","
                                + "\"component\":\"mysql\",\"group\":\"prod-datapipe\",\"class\":\"disk\",\"custom_details\":{\"free space\":\"1%\",\"env\":\"prod\",\"n\":3}},"
                                + "\"client\":\"Sample Monitoring Service\",\"client_url\":\"https://monitoring.example.com\"}");

        assertThat(e.routingKey()).isEqualTo("R0123456789abcdef0123456789abcde");
        assertThat(e.dedupKey()).isEqualTo("srv01/mysql");
        AlertEvent a = e.events().alerts().get(0);
        assertThat(a.fingerprint()).isEqualTo("srv01/mysql");
        assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(a.name()).isEqualTo("disk");
        assertThat(a.service()).isEqualTo("mysql");
        assertThat(a.environment()).isEqualTo("prod");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.summary()).isEqualTo("DISK at 99% on machine prod-datapipe03");
        // +0000 without a colon, as PagerDuty's own example writes it.
        assertThat(a.eventTime()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
        assertThat(a.labels())
                .containsEntry("free space", "1%")
                .containsEntry("n", "3")
                .containsEntry("group", "prod-datapipe");
        assertThat(a.generatorUrl()).isEqualTo("https://monitoring.example.com");
    }

    @Test
    void triggerWithoutDedupKeyGetsTheDocumentedFingerprintAndReturnsIt() {
        PagerDutyNormalizer.Enqueue e =
                event(
                        "{\"routing_key\":\"k\",\"event_action\":\"trigger\","
                                + "\"payload\":{\"summary\":\"Disk full\",\"source\":\"db-1\",\"severity\":\"warning\"}}");
        // sha256 of the netstring form of {summary: Disk full, source: db-1}, computed separately.
        assertThat(e.dedupKey()).isEqualTo("20fd24aa322a2a72");
        assertThat(e.events().alerts().get(0).fingerprint()).isEqualTo("20fd24aa322a2a72");
        assertThat(e.events().alerts().get(0).service()).isEqualTo("db-1");
        assertThat(e.events().alerts().get(0).eventTime()).isEqualTo(RECEIVED);
    }

    @Test
    void acknowledgeAndResolveBecomeLifecycleEventsOnTheDedupKey() {
        var ack =
                event(
                                "{\"routing_key\":\"k\",\"event_action\":\"acknowledge\",\"dedup_key\":\"d1\"}")
                        .events();
        var resolve =
                event("{\"routing_key\":\"k\",\"event_action\":\"resolve\",\"dedup_key\":\"d1\"}")
                        .events();
        assertThat(ack.alerts()).isEmpty();
        assertThat(ack.lifecycle().get(0).action()).isEqualTo(LifecycleAction.ACK);
        assertThat(ack.lifecycle().get(0).alertFingerprint()).isEqualTo("d1");
        assertThat(resolve.lifecycle().get(0).action()).isEqualTo(LifecycleAction.RESOLVE);
        assertThat(resolve.lifecycle().get(0).eventTime()).isEqualTo(RECEIVED);
    }

    @Test
    void invalidEventsNameTheField() {
        expect("{\"event_action\":\"trigger\"}", ErrorCode.MISSING_FIELD, "routing_key");
        expect(
                "{\"routing_key\":\"k\",\"event_action\":\"explode\"}",
                ErrorCode.INVALID_VALUE,
                "event_action");
        expect(
                "{\"routing_key\":\"k\",\"event_action\":\"resolve\"}",
                ErrorCode.MISSING_FIELD,
                "dedup_key");
        expect(
                "{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"x\",\"severity\":\"bad\"}}",
                ErrorCode.INVALID_VALUE,
                "payload.severity");
        expect(
                "{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"payload\":{\"summary\":5,\"source\":\"x\",\"severity\":\"info\"}}",
                ErrorCode.INVALID_TYPE,
                "payload.summary");
        expect(
                "{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"dedup_key\":\""
                        + "x".repeat(256)
                        + "\",\"payload\":{}}",
                ErrorCode.INVALID_VALUE,
                "dedup_key");
    }

    private void expect(String json, ErrorCode code, String field) {
        assertThatThrownBy(() -> event(json))
                .isInstanceOfSatisfying(
                        IngestException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(code);
                            assertThat(e.field()).isEqualTo(field);
                        });
    }

    @Test
    void changeEventBecomesSucceededDeploy() {
        var e =
                normalizer.change(
                        JsonBodies.parse(
                                ("{\"routing_key\":\"k\",\"payload\":{\"summary\":\"Build Success: Increase snapshot create timeout to 30 seconds\","
                                                + "\"timestamp\":\"2020-07-17T08:42:58.315+0000\",\"source\":\"prod-build-agent-i-0b148d1040d565540\","
                                                + "\"custom_details\":{\"service\":\"checkout\",\"environment\":\"prod\",\"version\":\"1.4.2\",\"sha\":\"abc123\"}},"
                                                + "\"links\":[{\"href\":\"https://dev.com/builds/1234\",\"text\":\"View more details\"}]}")
                                        .getBytes()),
                        RECEIVED);
        DeployEvent d = e.events().deploys().get(0);
        assertThat(d)
                .isEqualTo(
                        new DeployEvent(
                                1,
                                "pagerduty",
                                Instant.parse("2020-07-17T08:42:58.315Z"),
                                "checkout",
                                "prod",
                                "1.4.2",
                                "abc123",
                                DeployStatus.SUCCEEDED,
                                "https://dev.com/builds/1234"));
    }
}
