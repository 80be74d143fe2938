package dev.incidentintel.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.LogEvent;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.SourceSettings;
import dev.incidentintel.ingest.normalize.Datasets;
import dev.incidentintel.ingest.normalize.GenericMapping;
import dev.incidentintel.ingest.service.Authenticator;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP behaviour of the non-Alertmanager endpoints against a real Jetty on an ephemeral port and
 * the recording publisher: answer shapes, authentication, content types, metrics. Kafka itself is
 * covered by {@code SourcesIngestIT}.
 */
class SourceEndpointsTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final String PD_KEY = "R0123456789abcdef0123456789abcde";
    private static final String TOKEN = "s3cret-token-value";

    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;
    private String base;
    private final RecordingPublisher publisher = new RecordingPublisher();

    private void start(SourceSettings sources) {
        IngestConfig config =
                IngestConfig.defaults("127.0.0.1:1")
                        .withListen("127.0.0.1", 0)
                        .withSources(sources);
        app = IngestServer.create(config, publisher, Clock.fixed(NOW, ZoneOffset.UTC)).start();
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private HttpResponse<String> post(
            String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String... headers)
            throws Exception {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return EventJson.mapper().readTree(r.body());
    }

    @Test
    void pagerDutyEnqueueAnswersExactlyLikePagerDuty() throws Exception {
        start(SourceSettings.defaults().withTokens("pagerduty", List.of(PD_KEY)));
        HttpResponse<String> ok =
                post(
                        "/v2/enqueue",
                        "{\"routing_key\":\""
                                + PD_KEY
                                + "\",\"event_action\":\"trigger\",\"dedup_key\":\"k-1\","
                                + "\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}");
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(json(ok))
                .isEqualTo(
                        EventJson.mapper()
                                .readTree(
                                        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k-1\"}"));
        assertThat(publisher.published)
                .singleElement()
                .satisfies(r -> assertThat(r.topic()).isEqualTo("alerts.v1"));

        HttpResponse<String> invalid =
                post(
                        "/v2/enqueue",
                        "{\"routing_key\":\"" + PD_KEY + "\",\"event_action\":\"trigger\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode body = json(invalid);
        assertThat(body.get("status").asText()).isEqualTo("invalid event");
        assertThat(body.get("message").asText()).isEqualTo("Event object is invalid");
        assertThat(body.get("errors").get(0).asText()).contains("payload");
        assertThat(body.get("field").asText()).isEqualTo("payload");

        HttpResponse<String> wrongKey =
                post("/v2/enqueue", "{\"routing_key\":\"nope\",\"event_action\":\"trigger\"}");
        assertThat(wrongKey.statusCode()).isEqualTo(403);
        assertThat(json(wrongKey).get("error").asText()).isEqualTo("forbidden");
        // The invalid event was dead-lettered without its routing key (a credential).
        assertThat(publisher.published).hasSize(2);
        assertThat(publisher.published.get(1).topic()).isEqualTo("ingest.dlq");
        JsonNode letter = EventJson.mapper().readTree(publisher.published.get(1).value());
        assertThat(letter.get("body").asText()).doesNotContain(PD_KEY).contains("<redacted>");
    }

    @Test
    void pagerDutyAcknowledgeGoesToTheLifecycleTopic() throws Exception {
        start(SourceSettings.defaults());
        HttpResponse<String> r =
                post(
                        "/v2/enqueue",
                        "{\"routing_key\":\"any\",\"event_action\":\"acknowledge\",\"dedup_key\":\"k-1\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(json(r).get("dedup_key").asText()).isEqualTo("k-1");
        assertThat(publisher.published)
                .singleElement()
                .satisfies(
                        rec -> {
                            assertThat(rec.topic()).isEqualTo("lifecycle.v1");
                            assertThat(rec.key()).isEqualTo("k-1");
                            assertThat(
                                            EventJson.read(rec.value(), LifecycleEvent.class)
                                                    .action()
                                                    .json())
                                    .isEqualTo("ack");
                        });
    }

    @Test
    void pagerDutyChangeEventIsADeploy() throws Exception {
        start(SourceSettings.defaults());
        HttpResponse<String> r =
                post(
                        "/v2/change/enqueue",
                        "{\"routing_key\":\"any\",\"payload\":{\"summary\":\"deploy\",\"source\":\"checkout\"}}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(json(r))
                .isEqualTo(
                        EventJson.mapper()
                                .readTree(
                                        "{\"status\":\"success\",\"message\":\"Change event processed\"}"));
        assertThat(publisher.published)
                .singleElement()
                .satisfies(
                        rec -> {
                            assertThat(rec.topic()).isEqualTo("deploys.v1");
                            assertThat(rec.key()).isEqualTo("unknown/checkout");
                        });
    }

    @Test
    void bearerTokensGive401And403AndAreNeverLogged() throws Exception {
        captureLogs();
        try {
            start(SourceSettings.defaults().withTokens("lifecycle", List.of(TOKEN)));
            String body = "{\"action\":\"ack\",\"incidentId\":\"i-1\"}";
            assertThat(post("/api/v1/lifecycle", body).statusCode()).isEqualTo(401);
            HttpResponse<String> wrong =
                    post("/api/v1/lifecycle", body, "Authorization", "Bearer wrong-" + TOKEN);
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(json(wrong).get("message").asText()).doesNotContain(TOKEN);
            HttpResponse<String> ok =
                    post("/api/v1/lifecycle", body, "Authorization", "Bearer " + TOKEN);
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(json(ok).get("ids").get(0).asText()).isEqualTo("i-1");
            // Unprotected integrations stay open.
            assertThat(post("/api/v1/deploys", "{\"service\":\"s\"}").statusCode()).isEqualTo(202);
            // Rejected requests were not dead-lettered: only the two accepted events were
            // published.
            assertThat(publisher.published)
                    .extracting(r -> r.topic())
                    .containsExactly("lifecycle.v1", "deploys.v1");
        } finally {
            detach();
        }
        // The rejections were logged (so the check below is not vacuous), without the token.
        assertThat(logs.toString())
                .contains("rejected POST /api/v1/lifecycle")
                .doesNotContain(TOKEN);
    }

    @Test
    void githubWebhookIsAuthenticatedByItsSignature() throws Exception {
        start(SourceSettings.defaults().withTokens("github", List.of(TOKEN)));
        byte[] body =
                ("{\"deployment_status\":{\"state\":\"success\",\"environment\":\"prod\",\"updated_at\":\"2024-05-01T10:00:00Z\"},"
                                + "\"deployment\":{\"sha\":\"abc\",\"ref\":\"v1\"},\"repository\":{\"name\":\"checkout\"}}")
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(post("/api/v1/deploys/github", "application/json", body).statusCode())
                .isEqualTo(401);
        assertThat(
                        post(
                                        "/api/v1/deploys/github",
                                        "application/json",
                                        body,
                                        "X-Hub-Signature-256",
                                        "sha256=00")
                                .statusCode())
                .isEqualTo(403);
        HttpResponse<String> ok =
                post(
                        "/api/v1/deploys/github",
                        "application/json",
                        body,
                        "X-Hub-Signature-256",
                        "sha256=" + Authenticator.hmacSha256(TOKEN, body));
        assertThat(ok.statusCode()).isEqualTo(202);
        DeployEvent d = EventJson.read(publisher.published.get(0).value(), DeployEvent.class);
        assertThat(d.service()).isEqualTo("checkout");
        assertThat(d.environment()).isEqualTo("prod");
    }

    @Test
    void pagerDutyWebhookIsAuthenticatedByItsV3Signature() throws Exception {
        start(SourceSettings.defaults().withTokens("pagerduty_webhook", List.of(TOKEN)));
        byte[] body = Datasets.alertPayload("pagerduty_v3/zulip_acknowledged_v3.json");
        String good = "v1=" + Authenticator.hmacSha256(TOKEN, body);
        String path = "/api/v1/lifecycle/pagerduty";
        assertThat(post(path, "application/json", body).statusCode()).isEqualTo(401);
        assertThat(
                        json(post(path, "application/json", body, "X-PagerDuty-Signature", "v1=00"))
                                .get("error")
                                .asText())
                .isEqualTo("forbidden");
        // A signature made with another secret, or over another body, does not pass.
        assertThat(
                        post(
                                        path,
                                        "application/json",
                                        body,
                                        "X-PagerDuty-Signature",
                                        "v1=" + Authenticator.hmacSha256("other", body))
                                .statusCode())
                .isEqualTo(403);
        byte[] tampered =
                new String(body, StandardCharsets.UTF_8)
                        .replace("acknowledged", "resolved")
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(
                        post(path, "application/json", tampered, "X-PagerDuty-Signature", good)
                                .statusCode())
                .isEqualTo(403);
        assertThat(publisher.published).isEmpty();
        // During a secret rotation PagerDuty sends several signatures; one match is enough, other
        // versions are ignored.
        HttpResponse<String> ok =
                post(
                        path,
                        "application/json",
                        body,
                        "X-PagerDuty-Signature",
                        "v2=abc, v1=0011," + good);
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(publisher.published).extracting(r -> r.topic()).containsExactly("lifecycle.v1");
    }

    @Test
    void logsAcceptTextWithServiceAndNdjsonPartially() throws Exception {
        start(SourceSettings.defaults());
        HttpResponse<String> noService = post("/api/v1/logs", "text/plain", "a line".getBytes());
        assertThat(noService.statusCode()).isEqualTo(400);
        assertThat(json(noService).get("field").asText()).isEqualTo("service");

        HttpResponse<String> text =
                post(
                        "/api/v1/logs?service=web",
                        "text/plain; charset=utf-8",
                        "l1\nl2\n".getBytes());
        assertThat(text.statusCode()).isEqualTo(202);
        assertThat(json(text).get("accepted").asInt()).isEqualTo(2);

        HttpResponse<String> nd =
                post(
                        "/api/v1/logs",
                        "application/x-ndjson",
                        "{\"service\":\"api\",\"message\":\"ok\"}\n{broken\n".getBytes());
        assertThat(nd.statusCode()).isEqualTo(202);
        JsonNode body = json(nd);
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("rejected").asInt()).isEqualTo(1);
        assertThat(body.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        // 2 text lines, then 1 log + 1 dead letter from the NDJSON request.
        assertThat(publisher.published)
                .extracting(r -> r.topic())
                .containsExactly("logs.v1", "logs.v1", "logs.v1", "ingest.dlq");
        assertThat(EventJson.read(publisher.published.get(2).value(), LogEvent.class).service())
                .isEqualTo("api");

        HttpResponse<String> xml = post("/api/v1/logs", "application/xml", "<a/>".getBytes());
        assertThat(xml.statusCode()).isEqualTo(415);
    }

    @Test
    void genericIntegrationUsesItsMappingAndUnknownOnesAre404() throws Exception {
        start(
                SourceSettings.defaults()
                        .withGeneric(
                                "zabbix",
                                GenericMapping.of(
                                        "zabbix",
                                        Map.of(
                                                "fingerprint",
                                                "/alert_uid",
                                                "name",
                                                "/title",
                                                "status",
                                                "/state"))));
        HttpResponse<String> ok =
                post(
                        "/api/v1/alerts/generic/zabbix",
                        "application/json",
                        Datasets.alertPayload("grafana_oncall_examples/zabbix.json"));
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(json(ok).get("fingerprints").get(0).asText())
                .isEqualTo("08d6891a-835c-e661-39fa-96b6a9e26552");
        HttpResponse<String> unknown = post("/api/v1/alerts/generic/nagios", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("unknown_integration");
    }

    @Test
    void metricsCountAcceptedRejectedAndDeadLetters() throws Exception {
        start(SourceSettings.defaults());
        post("/api/v1/deploys", "{\"service\":\"s\"}");
        post("/api/v1/deploys", "{\"service\":5}");
        post("/api/v1/deploys", "{nope");
        HttpResponse<String> metrics =
                client.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("ingest_events_accepted_total{endpoint=\"deploys\"} 1\n")
                .contains("ingest_requests_rejected_total{reason=\"invalid_type\"} 1\n")
                .contains("ingest_requests_rejected_total{reason=\"malformed_json\"} 1\n")
                // Only the parsed-but-invalid body is dead-lettered, not the malformed one.
                .contains("ingest_dlq_total{endpoint=\"deploys\"} 1\n")
                .contains("ingest_produce_latency_seconds_count 1\n");
    }

    private static WriterAppender appender;
    private static java.io.StringWriter logs;

    private static java.io.StringWriter captureLogs() {
        logs = new java.io.StringWriter();
        LoggerContext ctx = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        appender =
                WriterAppender.newBuilder()
                        .setName("capture")
                        .setTarget(logs)
                        .setLayout(PatternLayout.newBuilder().withPattern("%m %ex%n").build())
                        .build();
        appender.start();
        ctx.getConfiguration()
                .getRootLogger()
                .addAppender(appender, org.apache.logging.log4j.Level.ALL, null);
        // The test config logs at WARN; open up ingest's own loggers so rejections are really
        // written.
        org.apache.logging.log4j.core.config.Configurator.setLevel(
                "dev.incidentintel.ingest", org.apache.logging.log4j.Level.ALL);
        ctx.updateLoggers();
        return logs;
    }

    private static void detach() {
        LoggerContext ctx = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender("capture");
        org.apache.logging.log4j.core.config.Configurator.setLevel(
                "dev.incidentintel.ingest", org.apache.logging.log4j.Level.WARN);
        ctx.updateLoggers();
        appender.stop();
    }
}
