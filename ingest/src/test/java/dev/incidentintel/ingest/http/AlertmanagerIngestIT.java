package dev.incidentintel.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.IngestConfig;
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
import org.junit.jupiter.api.Test;

/**
 * End to end over real HTTP into the shared local Kafka broker: what a 2xx promises is on the
 * topic, what a 4xx rejects is not, and a broker that is unreachable gives a clean 503.
 */
class AlertmanagerIngestIT {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final int PARTITIONS = 3;
    private static LocalKafka kafka;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void broker() {
        kafka = SharedTestInfra.kafka();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static String newTopic() {
        String topic = SharedTestInfra.uniqueName("ingest_alerts");
        kafka.createTopics(List.of(topic), PARTITIONS);
        return topic;
    }

    private static IngestConfig config(String bootstrap, String topic) {
        return IngestConfig.defaults(bootstrap).withListen("127.0.0.1", 0).withAlertsTopic(topic);
    }

    /** Starts the app with a Kafka publisher and a fixed clock; returns its base URL. */
    private String startApp(IngestConfig config) {
        KafkaEventPublisher publisher =
                KafkaEventPublisher.create(config.bootstrapServers(), config.ackTimeout());
        toClose.add(publisher);
        Javalin app =
                IngestServer.create(config, publisher, Clock.fixed(NOW, ZoneOffset.UTC)).start();
        toClose.add(app::stop);
        return "http://127.0.0.1:" + app.port();
    }

    private HttpResponse<String> post(String url, byte[] body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every record on the topic, read up to the end offsets that exist now. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicReader.readAll(kafka.bootstrapServers(), topic);
    }

    @Test
    void acceptedNotificationIsOnTheTopicKeyedByScopeOnlyAfter202() throws Exception {
        String topic = newTopic();
        String base = startApp(config(kafka.bootstrapServers(), topic));

        // grafana_oncall_examples/alertmanager.json: two firing InstanceDown alerts of job "node".
        HttpResponse<String> response =
                post(
                        base + AlertmanagerController.PATH,
                        Datasets.alertPayload("grafana_oncall_examples/alertmanager.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = EventJson.mapper().readTree(response.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("fingerprints").toString())
                .isEqualTo("[\"f404ecabc8dd5cd7\",\"f8f08d4e32c61a9d\"]");

        // Read right after the 202 without waiting: the answer promised both records are acked.
        List<ConsumerRecord<String, byte[]>> records = readAll(topic);
        assertThat(records).hasSize(2);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("unknown/node");
        // One scope, one partition, in request order.
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());
        List<AlertEvent> events =
                records.stream().map(r -> EventJson.read(r.value(), AlertEvent.class)).toList();
        Instant starts = Instant.parse("2023-06-12T08:24:38.326Z");
        assertThat(events.get(0))
                .isEqualTo(
                        new AlertEvent(
                                1,
                                "alertmanager",
                                starts,
                                NOW,
                                "f404ecabc8dd5cd7",
                                AlertStatus.FIRING,
                                "InstanceDown",
                                "node",
                                "unknown",
                                Severity.CRITICAL,
                                "Instance localhost:8081 down",
                                Map.of(
                                        "job",
                                        "node",
                                        "group",
                                        "production",
                                        "instance",
                                        "localhost:8081",
                                        "severity",
                                        "critical",
                                        "alertname",
                                        "InstanceDown"),
                                Map.of(
                                        "title", "Instance localhost:8081 down",
                                        "description",
                                                "localhost:8081 of job node has been down for more than 1 minute."),
                                starts,
                                null,
                                "",
                                "{}:{alertname=\"InstanceDown\"}"));
        assertThat(events.get(1).fingerprint()).isEqualTo("f8f08d4e32c61a9d");
        assertThat(events.get(1).labels()).containsEntry("group", "canary");
    }

    @Test
    void productionStartBuildsItsOwnProducerAndClosesCleanly() throws Exception {
        String topic = newTopic();
        Instant before = Instant.now();
        try (IngestServer.Running running =
                IngestServer.start(config(kafka.bootstrapServers(), topic))) {
            HttpResponse<String> response =
                    post(
                            "http://127.0.0.1:" + running.port() + AlertmanagerController.PATH,
                            Datasets.alertPayload("alertmanager/zulip_single_alert_resolved.json"));
            assertThat(response.statusCode()).isEqualTo(202);
        }
        Instant after = Instant.now();

        List<ConsumerRecord<String, byte[]>> records = readAll(topic);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("unknown/andromeda");
        AlertEvent event = EventJson.read(records.get(0).value(), AlertEvent.class);
        assertThat(event.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(event.fingerprint()).isEqualTo("a1bc48475b20e73d");
        // Resolved without endsAt: stamped with the (real) receive time.
        assertThat(event.eventTime()).isEqualTo(event.receivedAt()).isBetween(before, after);
    }

    @Test
    void rejectedBodyIs400WithFieldAndNothingReachesTheTopic() throws Exception {
        String topic = newTopic();
        String base = startApp(config(kafka.bootstrapServers(), topic));
        String good =
                "{\"labels\":{\"alertname\":\"A\",\"service\":\"api\"},\"startsAt\":\"2024-05-01T11:00:00Z\"}";
        String bad = "{\"labels\":{\"alertname\":\"B\"},\"startsAt\":\"2024-05-01 11:00\"}";

        HttpResponse<String> rejected =
                post(
                        base + AlertmanagerController.PATH,
                        ("{\"status\":\"firing\",\"alerts\":[" + good + "," + bad + "]}")
                                .getBytes());

        assertThat(rejected.statusCode()).isEqualTo(400);
        JsonNode error = EventJson.mapper().readTree(rejected.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid_value");
        assertThat(error.get("field").asText()).isEqualTo("alerts[1].startsAt");
        assertThat(error.get("message").asText()).contains("RFC 3339");
        assertThat(readAll(topic)).isEmpty();

        // The same topic does take a valid request, so the empty read above was not an accident.
        HttpResponse<String> accepted =
                post(
                        base + AlertmanagerController.PATH,
                        ("{\"status\":\"firing\",\"alerts\":[" + good + "]}").getBytes());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(readAll(topic)).extracting(ConsumerRecord::key).containsExactly("unknown/api");
    }

    @Test
    void unreachableBrokerIs503WithRetryAfterAndNoStackTrace() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Duration ackTimeout = Duration.ofMillis(1500);
        IngestConfig config =
                config("127.0.0.1:" + closedPort, "alerts_nowhere").withAckTimeout(ackTimeout);
        String base = startApp(config);

        long started = System.nanoTime();
        HttpResponse<String> response =
                post(
                        base + AlertmanagerController.PATH,
                        Datasets.alertPayload("alertmanager/zulip_alert.json"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = EventJson.mapper().readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(body.has("field")).isFalse();
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("org.apache");
        // Bounded by the ack timeout, not by Kafka's 60 s default max.block.ms.
        assertThat(took)
                .isGreaterThanOrEqualTo(ackTimeout.minusMillis(100))
                .isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void bodyOverTheLimitIs413AndNothingIsPublished() throws Exception {
        String topic = newTopic();
        String base = startApp(config(kafka.bootstrapServers(), topic).withMaxBodyBytes(1024));
        String padding = "x".repeat(2000);
        byte[] body =
                ("{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"annotations\":{\"description\":\""
                                + padding
                                + "\"},\"startsAt\":\"2024-05-01T11:00:00Z\"}]}")
                        .getBytes();

        HttpResponse<String> response = post(base + AlertmanagerController.PATH, body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(EventJson.mapper().readTree(response.body()).get("error").asText())
                .isEqualTo("payload_too_large");
        assertThat(readAll(topic)).isEmpty();
    }

    @Test
    void alertLargerThanKafkaAcceptsIs413NotA5xx() throws Exception {
        String topic = newTopic();
        // Within the 5 MiB body limit, but above the producer's 1 MiB max.request.size.
        String base = startApp(config(kafka.bootstrapServers(), topic));
        String padding = "y".repeat(2 * 1024 * 1024);
        byte[] body =
                ("{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"annotations\":{\"description\":\""
                                + padding
                                + "\"},\"startsAt\":\"2024-05-01T11:00:00Z\"}]}")
                        .getBytes();

        HttpResponse<String> response = post(base + AlertmanagerController.PATH, body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(EventJson.mapper().readTree(response.body()).get("error").asText())
                .isEqualTo("payload_too_large");
        assertThat(readAll(topic)).isEmpty();
    }
}
