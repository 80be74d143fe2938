package dev.incidentintel.notifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import dev.incidentintel.notifier.http.HttpChannelSender;
import dev.incidentintel.notifier.http.WebhookSignature;
import dev.incidentintel.notifier.routing.NotifyConfig;
import dev.incidentintel.notifier.testing.Incidents;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier end to end on real components: a real Kafka topic written in transactions (one
 * aborted), the real ClickHouse {@code notifications} table (migrated by the metrics API), and real
 * HTTP receivers on loopback for a webhook, Slack and PagerDuty that inject 429 with Retry-After,
 * 500, a timeout and a permanent 400. The notifier is restarted mid-stream with a new consumer
 * group, so it re-reads the whole feed: every change must be notified exactly once per channel.
 */
class NotifierIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec-test-0123";
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";

    private Receivers receivers;
    private String topic;
    private String clickhouseUrl;
    private LocalKafka kafka;

    @BeforeEach
    void setUp() throws Exception {
        receivers = new Receivers();
        kafka = SharedTestInfra.kafka();
        topic = SharedTestInfra.uniqueName("notify_incidents");
        kafka.createTopics(List.of(topic), 2);
        clickhouseUrl = SharedTestInfra.clickHouse().jdbcUrl(SharedTestInfra.uniqueName("notify"));
        SchemaMigrator.fromClasspath(ClickHouseConnections.of(ClickHouseUrl.parse(clickhouseUrl)))
                .migrate();
    }

    @AfterEach
    void tearDown() {
        receivers.close();
    }

    private NotifyConfig config() throws Exception {
        String yaml =
                """
        incidentUrl: "http://incidents.example.com/i/{id}"
        channels:
          - {name: hook, kind: webhook, url: "%s", secret: "%s",
             retry: {maxAttempts: 4, initialBackoff: PT0.05S, maxBackoff: PT2S}, timeout: PT0.5S}
          - {name: slack, kind: slack, url: "%s", match: {environments: [prod]},
             retry: {maxAttempts: 4, initialBackoff: PT0.05S, maxBackoff: PT2S}, timeout: PT0.5S}
          - {name: pd, kind: pagerduty, url: "%s", routingKey: "%s",
             match: {environments: [prod], severities: [critical, error]},
             retry: {maxAttempts: 4, initialBackoff: PT0.05S, maxBackoff: PT2S}, timeout: PT0.5S}
          - {name: bad, kind: webhook, url: "%s", match: {environments: [staging]},
             retry: {maxAttempts: 4, initialBackoff: PT0.05S, maxBackoff: PT2S}, timeout: PT0.5S}
        """
                        .formatted(
                                receivers.url("/hook"),
                                SECRET,
                                receivers.url("/slack"),
                                receivers.url(""),
                                ROUTING_KEY,
                                receivers.url("/bad"));
        return NotifyConfig.parse(
                new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .readTree(yaml),
                Map.of());
    }

    private RunningNotifier start(String group) throws Exception {
        return RunningNotifier.start(
                config(),
                new RunningNotifier.Endpoints(
                        kafka.bootstrapServers(), topic, group, clickhouseUrl),
                Clock.systemUTC());
    }

    @Test
    void notifiesEachChangeOncePerChannelThroughFailuresAndARestart() throws Exception {
        // i-1 (prod): open, alert added, priority P1, new service, resolved.
        Incident a1 = Incidents.opened("i-1");
        Incident a2 = Incidents.next(a1).alertCount(2).notificationCount(4).build();
        Incident a3 = Incidents.next(a2).priority("P1").build();
        Incident a4 = Incidents.next(a3).services(List.of("checkout", "payments")).build();
        Incident a5 =
                Incidents.next(a4)
                        .status(IncidentStatus.RESOLVED)
                        .resolvedAt(a4.eventTime())
                        .build();
        // i-2 (prod): open, alert added, suspect deploy, resolved; then an aborted priority change.
        Incident b1 = Incidents.opened("i-2");
        Incident b2 = Incidents.next(b1).alertCount(3).build();
        Incident b3 =
                Incidents.next(b2)
                        .suspectDeploys(List.of(Incidents.suspect("checkout", "7.1.0")))
                        .build();
        Incident b4 =
                Incidents.next(b3)
                        .status(IncidentStatus.RESOLVED)
                        .resolvedAt(b3.eventTime())
                        .build();
        Incident b5 =
                Incidents.next(b4)
                        .status(IncidentStatus.OPEN)
                        .reopenCount(1)
                        .priority("P1")
                        .build();
        // i-3 (staging): open, resolved; the `bad` channel answers 400 to it.
        Incident c1 = Incidents.opened("i-3").toBuilder().environment("staging").build();
        Incident c2 =
                Incidents.next(c1)
                        .status(IncidentStatus.RESOLVED)
                        .resolvedAt(c1.eventTime())
                        .build();

        // Failures: the first webhook call gets 429 + Retry-After 1, the first Slack call 500, the
        // first
        // PagerDuty call hangs past the 0.5 s timeout.
        receivers.script("/hook", new Receivers.Answer(429, "1", 0, "slow down"));
        receivers.script("/slack", new Receivers.Answer(500, null, 0, "oops"));
        receivers.script("/v2/enqueue", new Receivers.Answer(599, null, 1500, ""));

        RunningNotifier first = start("notifier-a");
        produce(List.of(a1, a2, a3, b1, b2, c1), true);
        awaitFinal(3 * 3 + 2, first); // a1, a3, b1 on three channels + c1 on hook and bad
        first.close();

        // Restart with a new consumer group: it reads the feed from the beginning again.
        RunningNotifier second = start("notifier-b");
        produce(List.of(a4, a5, b3, b4, c2), true);
        produce(List.of(b5), false); // aborted transaction: must never be notified
        awaitFinal(
                11 + 4 * 3 + 2, second); // + a4, a5, b3, b4 on three channels, c2 on hook and bad
        Thread.sleep(1500); // let anything wrongly re-sent arrive
        second.close();

        Map<String, Integer> expected = new TreeMap<>();
        for (String k : List.of("i-1:1", "i-1:3", "i-1:4", "i-1:5", "i-2:1", "i-2:3", "i-2:4")) {
            for (String ch : List.of("hook", "slack", "pd")) {
                expected.put(k + ":" + ch, 1);
            }
        }
        expected.put("i-3:1:hook", 1);
        expected.put("i-3:2:hook", 1);
        Map<String, Integer> delivered = new TreeMap<>();
        for (String path : List.of("/hook", "/slack", "/v2/enqueue", "/bad")) {
            for (Receivers.Request r : receivers.requests(path)) {
                if (r.status() >= 200 && r.status() < 300) {
                    delivered.merge(
                            r.headers().get(HttpChannelSender.IDEMPOTENCY_HEADER.toLowerCase()),
                            1,
                            Integer::sum);
                }
            }
        }
        assertThat(delivered).as("one delivery per change and channel").isEqualTo(expected);

        Map<String, Row> rows = rows();
        assertThat(rows.values().stream().filter(r -> r.outcome.equals("sent")).count())
                .isEqualTo(expected.size());
        // Retries are recorded: webhook 429 then 2xx, Slack 500 then 2xx, PagerDuty timeout then
        // 2xx.
        assertThat(rows.get("i-1:1:hook").attempts).isEqualTo(2);
        assertThat(rows.get("i-1:1:slack").attempts).isEqualTo(2);
        assertThat(rows.get("i-1:1:pd").attempts).isEqualTo(2);
        // 400 is not retried: one attempt, dead-lettered.
        assertThat(rows.get("i-3:1:bad").outcome).isEqualTo("dead_letter");
        assertThat(rows.get("i-3:1:bad").attempts).isEqualTo(1);
        assertThat(rows.get("i-3:1:bad").httpStatus).isEqualTo(400);
        assertThat(receivers.requests("/bad")).hasSize(2);
        assertThat(rows.keySet()).noneMatch(k -> k.startsWith("i-2:5"));

        // Retry-After: 1 was honoured between the webhook's first and second attempt.
        List<Receivers.Request> hook = receivers.requests("/hook");
        assertThat(Duration.between(hook.get(0).at(), hook.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));

        assertWebhookSignedAndComplete(hook);
        assertSlackPayloads(receivers.requests("/slack"));
        assertPagerDutyPayloads(receivers.requests("/v2/enqueue"));
    }

    @Test
    void heldNotificationsGoOutAsOneDigestEvenAcrossARestart() throws Exception {
        String yaml =
                """
        channels:
          - {name: limited, kind: webhook, url: "%s", rateLimit: {max: 1, per: PT3S},
             retry: {maxAttempts: 2, initialBackoff: PT0.05S, maxBackoff: PT1S}, timeout: PT2S}
        """
                        .formatted(receivers.url("/hook"));
        NotifyConfig config =
                NotifyConfig.parse(
                        new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                                .readTree(yaml),
                        Map.of());
        RunningNotifier.Endpoints endpoints =
                new RunningNotifier.Endpoints(
                        kafka.bootstrapServers(), topic, "limited-a", clickhouseUrl);
        RunningNotifier first = RunningNotifier.start(config, endpoints, Clock.systemUTC());
        produce(
                List.of(Incidents.opened("h-1"), Incidents.opened("h-2"), Incidents.opened("h-3")),
                true);
        awaitFinal(3, first); // one sent, two rate_limited
        first.close();
        Map<String, Row> held = rows();
        assertThat(held.values().stream().filter(r -> r.outcome.equals("rate_limited")).count())
                .isEqualTo(2);
        assertThat(held.keySet())
                .as("no digest before the restart")
                .noneMatch(k -> k.contains(":digest:"));

        Thread.sleep(3000); // the window has room again
        RunningNotifier second =
                RunningNotifier.start(
                        config,
                        new RunningNotifier.Endpoints(
                                kafka.bootstrapServers(), topic, "limited-b", clickhouseUrl),
                        Clock.systemUTC());
        awaitFinal(4, second);
        Thread.sleep(1000);
        second.close();

        List<Receivers.Request> hook = receivers.requests("/hook");
        assertThat(hook).hasSize(2);
        JsonNode digest = JSON.readTree(hook.get(1).body());
        assertThat(digest.get("kind").asText()).isEqualTo("digest");
        List<String> covered = new java.util.ArrayList<>();
        digest.get("notifications").forEach(n -> covered.add(n.get("idempotency_key").asText()));
        List<String> heldKeys =
                held.entrySet().stream()
                        .filter(e -> e.getValue().outcome.equals("rate_limited"))
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(heldKeys);
    }

    private void assertWebhookSignedAndComplete(List<Receivers.Request> hook) throws Exception {
        for (Receivers.Request r : hook) {
            assertThat(
                            WebhookSignature.verify(
                                    SECRET,
                                    r.headers().get("x-incident-intel-signature"),
                                    r.body()))
                    .as("signature of " + r.body())
                    .isTrue();
        }
        JsonNode update = body(hook, "i-1:4:hook");
        assertThat(update.get("kind").asText()).isEqualTo("update");
        assertThat(update.get("what_changed").asText()).isEqualTo("new service payments");
        assertThat(update.get("incident_url").asText())
                .isEqualTo("http://incidents.example.com/i/i-1");
        assertThat(update.get("incident").get("version").asLong()).isEqualTo(4);
    }

    private void assertSlackPayloads(List<Receivers.Request> slack) throws Exception {
        for (Receivers.Request r : slack) {
            SlackPayloads.assertAccepted(JSON.readTree(r.body()));
        }
        JsonNode m = body(slack, "i-1:3:slack");
        assertThat(m.get("text").asText())
                .isEqualTo(
                        "[P1][prod] Incident changed: HighErrorRate on checkout - priority P3 -> P1");
        assertThat(m.toString())
                .contains(
                        "\"text\":\"*Priority*\\nP1\"",
                        "\"text\":\"*Services*\\ncheckout\"",
                        "<http://incidents.example.com/i/i-1|Open incident i-1>");
        assertThat(body(slack, "i-2:3:slack").toString())
                .contains("*Suspect deploy*\\ncheckout@7.1.0");
    }

    private void assertPagerDutyPayloads(List<Receivers.Request> pd) throws Exception {
        for (Receivers.Request r : pd) {
            PagerDutyPayloads.assertAccepted(JSON.readTree(r.body()));
        }
        JsonNode open = body(pd, "i-1:1:pd");
        assertThat(open.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(open.get("event_action").asText()).isEqualTo("trigger");
        assertThat(open.get("dedup_key").asText()).isEqualTo("i-1");
        assertThat(open.get("payload").get("summary").asText())
                .isEqualTo(
                        "[P3][prod] HighErrorRate on checkout - opened: HighErrorRate on checkout");
        assertThat(open.get("payload").get("severity").asText()).isEqualTo("error");
        JsonNode resolve = body(pd, "i-1:5:pd");
        assertThat(resolve)
                .isEqualTo(
                        JSON.readTree(
                                "{\"routing_key\":\""
                                        + ROUTING_KEY
                                        + "\",\"event_action\":\"resolve\",\"dedup_key\":\"i-1\"}"));
    }

    private static JsonNode body(List<Receivers.Request> requests, String key) throws Exception {
        for (Receivers.Request r : requests) {
            if (key.equals(r.headers().get("idempotency-key")) && r.status() < 300) {
                return JSON.readTree(r.body());
            }
        }
        throw new AssertionError("no delivered request with key " + key);
    }

    private void produce(List<Incident> incidents, boolean commit) {
        Properties p = LocalKafka.safeProducerProperties(kafka.bootstrapServers());
        p.put("transactional.id", SharedTestInfra.uniqueName("notify_tx"));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Incident i : incidents) {
                IncidentUpdate u = new IncidentUpdate(i, IncidentChange.ALERT_ADDED, List.of());
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                i.id().getBytes(StandardCharsets.UTF_8),
                                EventJson.toBytes(u)));
            }
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.flush();
                producer.abortTransaction();
            }
        }
    }

    private record Row(String outcome, int attempts, int httpStatus) {}

    private Map<String, Row> rows() throws Exception {
        Map<String, Row> out = new HashMap<>();
        try (Connection c = ClickHouseConnections.of(ClickHouseUrl.parse(clickhouseUrl)).open();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT idempotency_key, outcome, attempts, http_status FROM notifications FINAL")) {
            while (rs.next()) {
                out.put(rs.getString(1), new Row(rs.getString(2), rs.getInt(3), rs.getInt(4)));
            }
        }
        return out;
    }

    /** Waits until {@code n} rows have a final outcome and none is pending. */
    private void awaitFinal(int n, RunningNotifier notifier) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Supplier<String> state =
                () -> {
                    try {
                        return rows().toString();
                    } catch (Exception e) {
                        return e.toString();
                    }
                };
        while (System.nanoTime() < deadline) {
            assertThat(notifier.failure()).isNull();
            Map<String, Row> rows = rows();
            long done = rows.values().stream().filter(r -> !r.outcome.equals("pending")).count();
            if (done >= n && rows.values().stream().noneMatch(r -> r.outcome.equals("pending"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + n + " final notifications, have " + state.get());
    }
}
