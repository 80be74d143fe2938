package dev.incidentintel.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentintel.app.demo.ApiClient;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.Topics;
import dev.incidentintel.events.fingerprint.Fingerprints;
import dev.incidentintel.events.json.EventJson;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole data path with real parts: Alertmanager webhooks over HTTP into ingest, a real KRaft
 * broker, the correlation job in a Flink MiniCluster, a real clickhouse-server, and the metrics API
 * over HTTP. Expected figures are worked out by hand from the posted timestamps.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    private static final Instant T0 =
            Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    private static Pipeline pipeline;
    private static ApiClient client;
    private static int alertNotifications;

    @BeforeAll
    static void startPipeline() throws Exception {
        Path home =
                Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "e2e-" + ProcessHandle.current().pid());
        pipeline =
                Pipeline.start(
                        new Pipeline.Options(
                                home,
                                "",
                                "",
                                "e2e",
                                "127.0.0.1",
                                0,
                                0,
                                new GroupingOptions(Duration.ofMinutes(5), Duration.ofHours(24)),
                                Duration.ofSeconds(2),
                                false),
                        new PrintStream(OutputStream.nullOutputStream()));
        client = new ApiClient(pipeline.ingestUrl(), pipeline.apiUrl());
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void aSingleAlertShowsUpAsAnOpenIncidentWithinFiveSecondsOnAQuietStream() throws Exception {
        post(
                "firing",
                alert(
                        "CertificateExpiringSoon",
                        "auth",
                        "staging",
                        T0.plusSeconds(7000),
                        null,
                        "c0ffee0000000001"));
        long start = System.nanoTime();
        JsonNode incidents = awaitIncidents(list -> list.size() == 1, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        JsonNode only = incidents.get(0);
        assertThat(only.path("status").asText()).isEqualTo("open");
        assertThat(only.path("title").asText()).isEqualTo("CertificateExpiringSoon on auth");
        assertThat(only.path("environment").asText()).isEqualTo("staging");
        assertThat(strings(only.path("fingerprints"))).containsExactly("c0ffee0000000001");
    }

    @Test
    @Order(2)
    void stormsBecomeIncidentsWithHandComputedTimeToResolve() throws Exception {
        // checkout/prod: two alerts 60 s apart -> one incident detected at T0, resolved at T0+420
        // (TTR 420 s).
        ObjectNode latency = alert("HighLatency", "checkout", "prod", T0, null, "aaaa000000000001");
        ObjectNode errors =
                alert(
                        "ErrorRate",
                        "checkout",
                        "prod",
                        T0.plusSeconds(60),
                        null,
                        "aaaa000000000002");
        post("firing", latency);
        post("firing", latency, errors);
        post(
                "firing",
                latency.deepCopy(),
                errors.deepCopy()); // Alertmanager repeat: no new incident
        post(
                "resolved",
                alert(
                        "HighLatency",
                        "checkout",
                        "prod",
                        T0,
                        T0.plusSeconds(300),
                        "aaaa000000000001"));
        post(
                "resolved",
                alert(
                        "ErrorRate",
                        "checkout",
                        "prod",
                        T0.plusSeconds(60),
                        T0.plusSeconds(420),
                        "aaaa000000000002"));
        // checkout/prod again an hour later (gap > 5 min): a second incident, TTR 120 s.
        post(
                "firing",
                alert(
                        "ErrorRate",
                        "checkout",
                        "prod",
                        T0.plusSeconds(3600),
                        null,
                        "aaaa000000000002"));
        post(
                "resolved",
                alert(
                        "ErrorRate",
                        "checkout",
                        "prod",
                        T0.plusSeconds(3600),
                        T0.plusSeconds(3720),
                        "aaaa000000000002"));
        // payments/prod: no upstream fingerprint, so ingest computes the documented one; TTR 900 s.
        ObjectNode db = alert("ReplicationLag", "payments", "prod", T0.plusSeconds(30), null, null);
        post("firing", db);
        post(
                "resolved",
                alert(
                        "ReplicationLag",
                        "payments",
                        "prod",
                        T0.plusSeconds(30),
                        T0.plusSeconds(930),
                        null));

        JsonNode incidents =
                awaitIncidents(
                        list -> list.size() == 4 && count(list, "resolved") == 3,
                        Duration.ofSeconds(60));

        Map<String, JsonNode> byTitleAndDetect = new HashMap<>();
        for (JsonNode i : incidents) {
            byTitleAndDetect.put(i.path("title").asText() + "@" + i.path("detectedAt").asText(), i);
        }
        JsonNode storm = byTitleAndDetect.get("HighLatency on checkout@" + T0);
        assertThat(storm.path("status").asText()).isEqualTo("resolved");
        assertThat(Instant.parse(storm.path("resolvedAt").asText())).isEqualTo(T0.plusSeconds(420));
        assertThat(storm.path("alertCount").asInt()).isEqualTo(2);
        assertThat(storm.path("notificationCount").asInt())
                .isEqualTo(7); // 1 + 2 + 2 firing, 2 resolved
        assertThat(strings(storm.path("fingerprints")))
                .containsExactlyInAnyOrder("aaaa000000000001", "aaaa000000000002");

        JsonNode second = byTitleAndDetect.get("ErrorRate on checkout@" + T0.plusSeconds(3600));
        assertThat(Instant.parse(second.path("resolvedAt").asText()))
                .isEqualTo(T0.plusSeconds(3720));

        Map<String, String> dbLabels = new LinkedHashMap<>();
        dbLabels.put("alertname", "ReplicationLag");
        dbLabels.put("service", "payments");
        dbLabels.put("environment", "prod");
        dbLabels.put("severity", "critical");
        JsonNode payments =
                byTitleAndDetect.get("ReplicationLag on payments@" + T0.plusSeconds(30));
        assertThat(strings(payments.path("fingerprints")))
                .containsExactly(Fingerprints.ofLabels(dbLabels));

        // Newest first.
        List<Instant> detected = new ArrayList<>();
        incidents.forEach(i -> detected.add(Instant.parse(i.path("detectedAt").asText())));
        assertThat(detected).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    @Order(3)
    void mttrPerServiceMatchesTheHandComputation() throws Exception {
        JsonNode mttx = client.mttx(T0.minusSeconds(60), T0.plus(Duration.ofHours(3)), "service");
        Map<String, JsonNode> groups = new HashMap<>();
        mttx.path("groups").forEach(g -> groups.put(g.path("key").asText(), g));

        // checkout: TTRs 420 s and 120 s. Mean 270; median (type 7) 120 + 0.5*(420-120) = 270;
        // p90 = 120 + 0.9*(420-120) = 390.
        JsonNode checkout = groups.get("checkout");
        assertThat(checkout.path("incidents").asInt()).isEqualTo(2);
        assertThat(checkout.path("open").asInt()).isZero();
        assertThat(checkout.path("mttr").path("count").asInt()).isEqualTo(2);
        assertThat(checkout.path("mttr").path("meanSeconds").asDouble()).isEqualTo(270.0);
        assertThat(checkout.path("mttr").path("medianSeconds").asDouble()).isEqualTo(270.0);
        assertThat(checkout.path("mttr").path("p90Seconds").asDouble()).isEqualTo(390.0);

        JsonNode payments = groups.get("payments");
        assertThat(payments.path("mttr").path("meanSeconds").asDouble()).isEqualTo(900.0);
        assertThat(payments.path("mttr").path("p90Seconds").asDouble()).isEqualTo(900.0);

        // auth: still open, counted separately and never as a zero duration.
        JsonNode auth = groups.get("auth");
        assertThat(auth.path("incidents").asInt()).isEqualTo(1);
        assertThat(auth.path("open").asInt()).isEqualTo(1);
        assertThat(auth.path("mttr").path("count").asInt()).isZero();
        assertThat(auth.path("mttr").path("meanSeconds").isNull()).isTrue();
    }

    @Test
    @Order(4)
    void everyNotificationIsStoredAndTheFeedTopicCarriesOpenAndResolveUpdates() throws Exception {
        String count =
                pipeline.localClickHouse().query("e2e", "SELECT count() FROM alerts FINAL").trim();
        assertThat(Integer.parseInt(count)).isEqualTo(alertNotifications);

        Properties props = new Properties();
        props.put("bootstrap.servers", pipeline.kafkaBootstrapServers());
        props.put("group.id", "e2e-feed-reader");
        props.put("auto.offset.reset", "earliest");
        List<IncidentUpdate> updates = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.INCIDENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline
                    && updates.stream().filter(u -> u.change().json().equals("resolved")).count()
                            < 3) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    updates.add(EventJson.read(r.value(), IncidentUpdate.class));
                }
            }
        }
        assertThat(updates.stream().filter(u -> u.change().json().equals("opened")).count())
                .isEqualTo(4);
        assertThat(updates.stream().filter(u -> u.change().json().equals("resolved")).count())
                .isEqualTo(3);
    }

    private static long count(JsonNode incidents, String status) {
        long n = 0;
        for (JsonNode i : incidents) {
            if (i.path("status").asText().equals(status)) {
                n++;
            }
        }
        return n;
    }

    private static JsonNode awaitIncidents(Predicate<JsonNode> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode incidents = client.incidents(100);
        while (!done.test(incidents) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            incidents = client.incidents(100);
        }
        assertThat(done.test(incidents)).as("incidents within %s: %s", timeout, incidents).isTrue();
        return incidents;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static ObjectNode alert(
            String name,
            String service,
            String env,
            Instant startsAt,
            Instant endsAt,
            String fingerprint) {
        ObjectNode a = EventJson.mapper().createObjectNode();
        a.put("status", endsAt == null ? "firing" : "resolved");
        a.putObject("labels")
                .put("alertname", name)
                .put("service", service)
                .put("environment", env)
                .put("severity", "critical");
        a.putObject("annotations").put("summary", name + " on " + service);
        a.put("startsAt", startsAt.toString());
        a.put("endsAt", endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString());
        if (fingerprint != null) {
            a.put("fingerprint", fingerprint);
        }
        return a;
    }

    private static void post(String status, ObjectNode... alerts) throws Exception {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("version", "4");
        body.put("status", status);
        body.put("receiver", "incident-intel");
        body.put("groupKey", "{}:{}");
        ArrayNode list = body.putArray("alerts");
        for (ObjectNode a : alerts) {
            list.add(a);
        }
        HttpResponse<String> response = client.postAlertmanager(EventJson.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        alertNotifications += alerts.length;
    }
}
