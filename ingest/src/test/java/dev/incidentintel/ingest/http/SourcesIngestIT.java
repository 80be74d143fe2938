package dev.incidentintel.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.LogEvent;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.SourceSettings;
import dev.incidentintel.ingest.kafka.KafkaEventPublisher;
import dev.incidentintel.ingest.normalize.Datasets;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every supported dataset payload over real HTTP into the shared broker, each on its endpoint,
 * checked on the topic it must land on; plus dead letters and a 503 from a new endpoint.
 */
class SourcesIngestIT {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static LocalKafka kafka;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String alerts;
    private SourceSettings sources;

    @BeforeAll
    static void broker() {
        kafka = SharedTestInfra.kafka();
    }

    @BeforeEach
    void topics() {
        alerts = SharedTestInfra.uniqueName("src_alerts");
        sources =
                SourceSettings.defaults()
                        .withTopics(
                                SharedTestInfra.uniqueName("src_lifecycle"),
                                        SharedTestInfra.uniqueName("src_deploys"),
                                SharedTestInfra.uniqueName("src_logs"),
                                        SharedTestInfra.uniqueName("src_dlq"));
        kafka.createTopics(
                List.of(
                        alerts,
                        sources.lifecycleTopic(),
                        sources.deploysTopic(),
                        sources.logsTopic(),
                        sources.dlqTopic()),
                2);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private String startApp(IngestConfig config) {
        KafkaEventPublisher publisher =
                KafkaEventPublisher.create(config.bootstrapServers(), config.ackTimeout());
        toClose.add(publisher);
        Javalin app =
                IngestServer.create(config, publisher, Clock.fixed(NOW, ZoneOffset.UTC)).start();
        toClose.add(app::stop);
        return "http://127.0.0.1:" + app.port();
    }

    private IngestConfig config(String bootstrap) {
        return IngestConfig.defaults(bootstrap)
                .withListen("127.0.0.1", 0)
                .withAlertsTopic(alerts)
                .withSources(sources);
    }

    private HttpResponse<String> post(String url, String contentType, byte[] body)
            throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic) {
        return TopicReader.readAll(kafka.bootstrapServers(), topic);
    }

    @Test
    void everySupportedDatasetFileIsAcceptedOnItsEndpointAndLandsOnItsTopic() throws Exception {
        String base = startApp(config(kafka.bootstrapServers()));
        // Alertmanager-shaped files: 2 + 1 + 2 + 1 alerts; Grafana-shaped: 1 + 3 + 1 + 1.
        Map<String, Integer> alertmanagerFiles =
                Map.of(
                        "alertmanager/zulip_alert.json",
                        2,
                        "alertmanager/zulip_single_alert_resolved.json",
                        1,
                        "grafana_oncall_examples/alertmanager.json",
                        2,
                        "grafana_oncall_examples/legacy_alertmanager.json",
                        1);
        Map<String, Integer> grafanaFiles =
                Map.of(
                        "grafana_alerting/keep_grafana12_webhook.json",
                        1,
                        "grafana_oncall_examples/grafana_alerting.json",
                        3,
                        "grafana_oncall_examples/legacy_grafana_alerting.json",
                        1,
                        "grafana_oncall_examples/grafana.json",
                        1);
        for (var e : alertmanagerFiles.entrySet()) {
            HttpResponse<String> r =
                    post(
                            base + "/api/v1/alerts/alertmanager",
                            "application/json",
                            Datasets.alertPayload(e.getKey()));
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(202);
            assertThat(EventJson.mapper().readTree(r.body()).get("accepted").asInt())
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
        }
        for (var e : grafanaFiles.entrySet()) {
            HttpResponse<String> r =
                    post(
                            base + "/api/v1/alerts/grafana",
                            "application/json",
                            Datasets.alertPayload(e.getKey()));
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(202);
            assertThat(EventJson.mapper().readTree(r.body()).get("accepted").asInt())
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
        }
        List<String> pagerDutyFiles =
                List.of(
                        "zulip_triggered_v3.json",
                        "zulip_acknowledged_v3.json",
                        "zulip_reassigned_v3.json",
                        "zulip_resolved_v3.json",
                        "zulip_escalate_v3.json",
                        "zulip_priority_updated_v3.json",
                        "nudgebee_chronosphere_triggered_v3.json",
                        "nudgebee_noclient_triggered_v3.json");
        for (String file : pagerDutyFiles) {
            HttpResponse<String> r =
                    post(
                            base + "/api/v1/lifecycle/pagerduty",
                            "application/json",
                            Datasets.alertPayload("pagerduty_v3/" + file));
            assertThat(r.statusCode()).as(file).isEqualTo(202);
        }

        List<AlertEvent> alertEvents =
                read(alerts).stream()
                        .map(r -> EventJson.read(r.value(), AlertEvent.class))
                        .toList();
        assertThat(alertEvents).hasSize(6 + 6);
        assertThat(alertEvents.stream().filter(a -> a.source().equals("grafana")).count())
                .isEqualTo(6);
        assertThat(alertEvents)
                .extracting(AlertEvent::fingerprint)
                .contains("c4edaaf9f9f839b0", "39f38c0611ee7abd");

        List<ConsumerRecord<String, byte[]>> lifecycle = read(sources.lifecycleTopic());
        assertThat(lifecycle).hasSize(8);
        List<LifecycleEvent> steps =
                lifecycle.stream()
                        .map(r -> EventJson.read(r.value(), LifecycleEvent.class))
                        .toList();
        assertThat(steps)
                .extracting(LifecycleEvent::action)
                .containsExactlyInAnyOrder(
                        LifecycleAction.OPEN,
                        LifecycleAction.ACK,
                        LifecycleAction.ASSIGN,
                        LifecycleAction.RESOLVE,
                        LifecycleAction.ESCALATE,
                        LifecycleAction.COMMENT,
                        LifecycleAction.OPEN,
                        LifecycleAction.OPEN);
        // Keyed by PagerDuty's incident id, so one incident's steps stay in one partition in order.
        assertThat(lifecycle)
                .allSatisfy(
                        r ->
                                assertThat(r.key())
                                        .isEqualTo(
                                                EventJson.read(r.value(), LifecycleEvent.class)
                                                        .incidentId()));
    }

    @Test
    void deploysLogsAndOpsgenieReachTheirTopicsAndInvalidInputIsDeadLettered() throws Exception {
        String base = startApp(config(kafka.bootstrapServers()));
        assertThat(
                        post(
                                        base + "/api/v1/deploys",
                                        "application/json",
                                        "[{\"service\":\"checkout\",\"environment\":\"prod\",\"version\":\"1.2\"},{\"service\":\"auth\"}]"
                                                .getBytes())
                                .statusCode())
                .isEqualTo(202);
        assertThat(
                        post(
                                        base + "/api/v1/logs?service=web",
                                        "text/plain",
                                        "2024-05-01T11:00:00Z ERROR boom\nsecond\n".getBytes())
                                .statusCode())
                .isEqualTo(202);
        assertThat(
                        post(
                                        base + "/api/v1/alerts/opsgenie",
                                        "application/json",
                                        "{\"action\":\"Close\",\"alert\":{\"alias\":\"a-1\",\"message\":\"CPU\",\"entity\":\"web\"}}"
                                                .getBytes())
                                .statusCode())
                .isEqualTo(202);
        HttpResponse<String> bad =
                post(
                        base + "/api/v1/deploys",
                        "application/json",
                        "{\"service\":\"x\",\"status\":\"exploded\"}".getBytes());
        assertThat(bad.statusCode()).isEqualTo(400);

        List<DeployEvent> deploys =
                read(sources.deploysTopic()).stream()
                        .map(r -> EventJson.read(r.value(), DeployEvent.class))
                        .toList();
        assertThat(deploys)
                .extracting(DeployEvent::service)
                .containsExactlyInAnyOrder("checkout", "auth");
        List<LogEvent> logs =
                read(sources.logsTopic()).stream()
                        .map(r -> EventJson.read(r.value(), LogEvent.class))
                        .toList();
        assertThat(logs).extracting(LogEvent::level).containsExactly("error", "");
        assertThat(read(alerts)).hasSize(1);
        assertThat(read(sources.lifecycleTopic())).hasSize(1);

        // The dead letter is written asynchronously: wait for it briefly.
        List<ConsumerRecord<String, byte[]>> dlq = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (dlq.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            dlq = read(sources.dlqTopic());
        }
        assertThat(dlq).hasSize(1);
        JsonNode letter = EventJson.mapper().readTree(dlq.get(0).value());
        assertThat(letter.get("endpoint").asText()).isEqualTo("deploys");
        assertThat(letter.get("field").asText()).isEqualTo("status");
        assertThat(letter.get("body").asText())
                .isEqualTo("{\"service\":\"x\",\"status\":\"exploded\"}");
    }

    @Test
    void unreachableBrokerIs503WithRetryAfterOnNewEndpoints() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String base =
                startApp(config("127.0.0.1:" + closedPort).withAckTimeout(Duration.ofMillis(1000)));
        for (String path : List.of("/api/v1/lifecycle", "/v2/enqueue")) {
            String body =
                    path.equals("/v2/enqueue")
                            ? "{\"routing_key\":\"k\",\"event_action\":\"resolve\",\"dedup_key\":\"d\"}"
                            : "{\"action\":\"ack\",\"incidentId\":\"i\"}";
            HttpResponse<String> r = post(base + path, "application/json", body.getBytes());
            assertThat(r.statusCode()).as(path).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(EventJson.mapper().readTree(r.body()).get("error").asText())
                    .isEqualTo("kafka_unavailable");
        }
    }
}
