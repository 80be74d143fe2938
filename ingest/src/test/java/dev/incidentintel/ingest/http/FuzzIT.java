package dev.incidentintel.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.SourceSettings;
import dev.incidentintel.ingest.kafka.KafkaEventPublisher;
import dev.incidentintel.ingest.normalize.Datasets;
import dev.incidentintel.ingest.normalize.GenericMapping;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Posts {@value #BODIES} generated bodies (valid seeds, mutated at the JSON tree level or at the
 * byte level) across every endpoint against the shared real broker, from several client threads.
 * Asserts: no 5xx, every non-2xx is JSON with a non-empty message and no stack trace, and every
 * event a 2xx promised is on its topic exactly once (multisets of alert fingerprints, lifecycle
 * keys and deploy ids from the answers equal those on the topics; log counts equal). Seeded, so a
 * failure can be reproduced with the same seed.
 */
class FuzzIT {
    static final int BODIES = 10_000;
    private static final long SEED = Long.getLong("fuzz.seed", 20241124L);
    private static final int THREADS = 4;

    private static LocalKafka kafka;
    private static Javalin app;
    private static KafkaEventPublisher publisher;
    private static String alerts;
    private static SourceSettings sources;

    private record Seed(String path, String contentType, byte[] body) {}

    @BeforeAll
    static void start() {
        kafka = SharedTestInfra.kafka();
        alerts = SharedTestInfra.uniqueName("fuzz_alerts");
        sources =
                SourceSettings.defaults()
                        .withTopics(
                                SharedTestInfra.uniqueName("fuzz_lifecycle"),
                                SharedTestInfra.uniqueName("fuzz_deploys"),
                                SharedTestInfra.uniqueName("fuzz_logs"),
                                SharedTestInfra.uniqueName("fuzz_dlq"))
                        .withGeneric(
                                "fz",
                                GenericMapping.of(
                                        "fz",
                                        Map.of(
                                                "fingerprint",
                                                "/id",
                                                "name",
                                                "/title",
                                                "status",
                                                "/state",
                                                "service",
                                                "/svc")));
        kafka.createTopics(
                List.of(
                        alerts,
                        sources.lifecycleTopic(),
                        sources.deploysTopic(),
                        sources.logsTopic(),
                        sources.dlqTopic()),
                3);
        IngestConfig config =
                IngestConfig.defaults(kafka.bootstrapServers())
                        .withListen("127.0.0.1", 0)
                        .withAlertsTopic(alerts)
                        .withSources(sources)
                        .withMaxBodyBytes(256 * 1024);
        publisher = KafkaEventPublisher.create(config.bootstrapServers(), config.ackTimeout());
        app = IngestServer.create(config, publisher, Clock.systemUTC()).start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    private static List<Seed> seeds() {
        List<Seed> s = new ArrayList<>();
        String json = "application/json";
        for (String f :
                List.of(
                        "alertmanager/zulip_alert.json",
                        "alertmanager/zulip_single_alert_resolved.json",
                        "grafana_oncall_examples/alertmanager.json",
                        "grafana_oncall_examples/legacy_alertmanager.json")) {
            s.add(new Seed("/api/v1/alerts/alertmanager", json, Datasets.alertPayload(f)));
        }
        for (String f :
                List.of(
                        "grafana_alerting/keep_grafana12_webhook.json",
                        "grafana_oncall_examples/grafana_alerting.json",
                        "grafana_oncall_examples/grafana.json")) {
            s.add(new Seed("/api/v1/alerts/grafana", json, Datasets.alertPayload(f)));
        }
        for (String f :
                List.of(
                        "zulip_triggered_v3.json",
                        "zulip_acknowledged_v3.json",
                        "zulip_escalate_v3.json",
                        "zulip_resolved_v3.json",
                        "nudgebee_chronosphere_triggered_v3.json")) {
            s.add(
                    new Seed(
                            "/api/v1/lifecycle/pagerduty",
                            json,
                            Datasets.alertPayload("pagerduty_v3/" + f)));
        }
        s.add(
                seed(
                        "/v2/enqueue",
                        json,
                        "{\"routing_key\":\"R0123456789abcdef0123456789abcde\",\"event_action\":\"trigger\",\"dedup_key\":\"srv01/mysql\","
                                + "\"payload\":{\"summary\":\"DISK at 99%\",\"timestamp\":\"2015-07-17T08:42:58.315+0000\",\"severity\":\"critical\","
                                + "\"source\":\"db-1\",\"component\":\"mysql\",\"group\":\"prod\",\"class\":\"disk\",\"custom_details\":{\"free\":\"1%\"}}}"));
        s.add(
                seed(
                        "/v2/enqueue",
                        json,
                        "{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}"));
        s.add(
                seed(
                        "/v2/enqueue",
                        json,
                        "{\"routing_key\":\"k\",\"event_action\":\"acknowledge\",\"dedup_key\":\"srv01/mysql\"}"));
        s.add(
                seed(
                        "/v2/enqueue",
                        json,
                        "{\"routing_key\":\"k\",\"event_action\":\"resolve\",\"dedup_key\":\"srv01/mysql\"}"));
        s.add(
                seed(
                        "/v2/change/enqueue",
                        json,
                        "{\"routing_key\":\"k\",\"payload\":{\"summary\":\"deploy\",\"source\":\"checkout\","
                                + "\"timestamp\":\"2020-07-17T08:42:58.315Z\",\"custom_details\":{\"version\":\"1.2\"}},\"links\":[{\"href\":\"https://x\"}]}"));
        String og =
                "{\"action\":\"%s\",\"alert\":{\"alertId\":\"a-1\",\"message\":\"CPU high\",\"tags\":[\"t\"],\"entity\":\"web-1\","
                        + "\"alias\":\"cpu-web-1\",\"createdAt\":1517405460588,\"updatedAt\":1517405470588000000,\"username\":\"u\",\"priority\":\"P2\","
                        + "\"details\":{\"service\":\"checkout\"}}}";
        for (String action : List.of("Create", "Close", "Acknowledge", "AddNote")) {
            s.add(seed("/api/v1/alerts/opsgenie", json, String.format(og, action)));
        }
        s.add(
                seed(
                        "/api/v1/alerts/opsgenie",
                        json,
                        "{\"message\":\"m\",\"alias\":\"al\",\"priority\":\"P1\"}"));
        s.add(
                seed(
                        "/api/v1/alerts/generic/fz",
                        json,
                        "{\"id\":\"g-1\",\"title\":\"Disk\",\"state\":\"alerting\",\"svc\":\"db\"}"));
        s.add(
                seed(
                        "/api/v1/lifecycle",
                        json,
                        "[{\"action\":\"escalate\",\"incidentId\":\"inc-1\",\"tier\":\"L2\",\"time\":\"2024-05-01T11:00:00Z\","
                                + "\"attributes\":{\"k\":\"v\"}},{\"action\":\"ack\",\"alertFingerprint\":\"f1\"}]"));
        s.add(
                seed(
                        "/api/v1/deploys",
                        json,
                        "[{\"service\":\"checkout\",\"environment\":\"prod\",\"version\":\"1.2\",\"status\":\"failed\","
                                + "\"timestamp\":\"2024-05-01T10:00:00Z\"},{\"service\":\"auth\"}]"));
        s.add(
                seed(
                        "/api/v1/deploys/github",
                        json,
                        "{\"action\":\"created\",\"deployment_status\":{\"state\":\"success\",\"environment\":\"prod\","
                                + "\"updated_at\":\"2024-05-01T10:05:00Z\"},\"deployment\":{\"sha\":\"abc\",\"ref\":\"v1\"},\"repository\":{\"name\":\"checkout\"}}"));
        s.add(
                seed(
                        "/api/v1/logs",
                        "application/x-ndjson",
                        "{\"ts\":\"2024-05-01T11:59:00Z\",\"service\":\"api\",\"level\":\"error\",\"msg\":\"boom\",\"n\":1}\n"
                                + "{\"service\":\"api\",\"message\":\"ok\"}\n{\"time\":1714564800,\"service\":\"db\",\"message\":\"slow\"}\n"));
        s.add(
                seed(
                        "/api/v1/logs?service=web",
                        "text/plain",
                        "2024-05-01 11:00:01,123 ERROR boom\nMar  7 04:02:03 host sshd: WARN x\nplain\n"));
        return s;
    }

    private static Seed seed(String path, String type, String body) {
        return new Seed(path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** What the answers promised, per topic. */
    private static final class Promised {
        final Map<String, Integer> alertFingerprints = new ConcurrentHashMap<>();
        final Map<String, Integer> lifecycleKeys = new ConcurrentHashMap<>();
        final Map<String, Integer> deployIds = new ConcurrentHashMap<>();
        final LongAdder logs = new LongAdder();

        static void add(Map<String, Integer> m, String k) {
            m.merge(k, 1, Integer::sum);
        }
    }

    @Test
    void tenThousandMutatedBodiesNeverGive5xxAndEveryAcceptedEventIsOnKafkaExactlyOnce()
            throws Exception {
        List<Seed> seeds = seeds();
        String base = "http://127.0.0.1:" + app.port();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Promised promised = new Promised();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(
                    pool.submit(
                            () -> {
                                for (int i = next.getAndIncrement();
                                        i < BODIES;
                                        i = next.getAndIncrement()) {
                                    // One generator per body index: the same seed reproduces the
                                    // same body whatever the thread.
                                    Random rnd = new Random(SEED * 31 + i);
                                    Seed seed = seeds.get(rnd.nextInt(seeds.size()));
                                    byte[] body =
                                            i < seeds.size()
                                                    ? seeds.get(i).body()
                                                    : mutate(seed.body(), rnd, seeds);
                                    Seed sent = i < seeds.size() ? seeds.get(i) : seed;
                                    try {
                                        HttpResponse<String> r =
                                                client.send(
                                                        HttpRequest.newBuilder(
                                                                        URI.create(
                                                                                base + sent.path()))
                                                                .timeout(Duration.ofSeconds(30))
                                                                .header(
                                                                        "Content-Type",
                                                                        sent.contentType())
                                                                .POST(
                                                                        HttpRequest.BodyPublishers
                                                                                .ofByteArray(body))
                                                                .build(),
                                                        HttpResponse.BodyHandlers.ofString());
                                        statuses.computeIfAbsent(
                                                        r.statusCode(), k -> new AtomicInteger())
                                                .incrementAndGet();
                                        check(sent.path(), body, r, promised, problems, i);
                                    } catch (Exception e) {
                                        problems.add("body " + i + " to " + sent.path() + ": " + e);
                                    }
                                }
                                return null;
                            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(problems).as("problems (first few)").isEmpty();
        assertThat(statuses.keySet())
                .as("statuses " + statuses)
                .allSatisfy(s -> assertThat(s).isLessThan(500));
        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(total).isEqualTo(BODIES);
        // The mix must exercise both sides, or the exactly-once check proves little.
        assertThat(statuses.getOrDefault(202, new AtomicInteger()).get())
                .as("202s " + statuses)
                .isGreaterThan(1000);
        assertThat(statuses.getOrDefault(400, new AtomicInteger()).get())
                .as("400s " + statuses)
                .isGreaterThan(1000);

        assertThat(multiset(TopicReader.readAll(kafka.bootstrapServers(), alerts), "fingerprint"))
                .isEqualTo(promised.alertFingerprints);
        assertThat(keys(TopicReader.readAll(kafka.bootstrapServers(), sources.lifecycleTopic())))
                .isEqualTo(promised.lifecycleKeys);
        assertThat(deployIds(TopicReader.readAll(kafka.bootstrapServers(), sources.deploysTopic())))
                .isEqualTo(promised.deployIds);
        assertThat((long) TopicReader.readAll(kafka.bootstrapServers(), sources.logsTopic()).size())
                .isEqualTo(promised.logs.sum());
    }

    private static void check(
            String path,
            byte[] sentBody,
            HttpResponse<String> r,
            Promised promised,
            List<String> problems,
            int i) {
        String where = "body " + i + " to " + path + " (" + r.statusCode() + "): ";
        JsonNode answer;
        try {
            answer = EventJson.mapper().readTree(r.body());
        } catch (Exception e) {
            problems.add(where + "answer is not JSON: " + r.body());
            return;
        }
        if (r.statusCode() / 100 != 2) {
            if (!answer.hasNonNull("message") || answer.get("message").asText().isBlank()) {
                problems.add(where + "no message: " + r.body());
            }
            if (r.body().contains("\tat ") || r.body().contains("Exception")) {
                problems.add(where + "stack trace leaked: " + r.body());
            }
            return;
        }
        if (path.equals("/v2/enqueue")) {
            String action;
            try {
                action = EventJson.mapper().readTree(sentBody).get("event_action").asText();
            } catch (Exception e) {
                problems.add(where + "accepted body unreadable");
                return;
            }
            if (action.equalsIgnoreCase("trigger")) {
                Promised.add(promised.alertFingerprints, answer.get("dedup_key").asText());
            } else {
                Promised.add(promised.lifecycleKeys, answer.get("dedup_key").asText());
            }
            return;
        }
        if (path.equals("/v2/change/enqueue")) {
            // The deploy id is service@version; read it back from the topic side only by count.
            Promised.add(promised.deployIds, "pagerduty-change");
            return;
        }
        if (path.startsWith("/api/v1/logs")) {
            promised.logs.add(answer.get("accepted").asLong());
            return;
        }
        if (answer.hasNonNull("fingerprints")) {
            answer.get("fingerprints")
                    .forEach(f -> Promised.add(promised.alertFingerprints, f.asText()));
        }
        if (answer.hasNonNull("ids")) {
            Map<String, Integer> target =
                    path.startsWith("/api/v1/deploys")
                            ? promised.deployIds
                            : promised.lifecycleKeys;
            answer.get("ids").forEach(id -> Promised.add(target, id.asText()));
        }
    }

    private static Map<String, Integer> multiset(
            List<ConsumerRecord<String, byte[]>> records, String field) throws Exception {
        Map<String, Integer> m = new HashMap<>();
        for (var r : records) {
            Promised.add(m, EventJson.mapper().readTree(r.value()).get(field).asText());
        }
        return m;
    }

    private static Map<String, Integer> keys(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Integer> m = new HashMap<>();
        records.forEach(r -> Promised.add(m, r.key()));
        return m;
    }

    private static Map<String, Integer> deployIds(List<ConsumerRecord<String, byte[]>> records)
            throws Exception {
        Map<String, Integer> m = new HashMap<>();
        for (var r : records) {
            JsonNode d = EventJson.mapper().readTree(r.value());
            Promised.add(
                    m,
                    d.get("source").asText().equals("pagerduty")
                            ? "pagerduty-change"
                            : d.get("service").asText() + "@" + d.path("version").asText(""));
        }
        return m;
    }

    // ---- mutations ----

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static byte[] mutate(byte[] seed, Random rnd, List<Seed> seeds) {
        if (rnd.nextInt(10) < 6) {
            try {
                JsonNode tree = EventJson.mapper().readTree(seed);
                if (tree != null && tree.isContainerNode()) {
                    int n = 1 + rnd.nextInt(3);
                    for (int k = 0; k < n; k++) {
                        tree = mutateTree(tree, rnd);
                    }
                    return EventJson.mapper().writeValueAsBytes(tree);
                }
            } catch (Exception e) {
                // Not JSON (text logs): fall through to byte mutations.
            }
        }
        return mutateBytes(seed, rnd, seeds);
    }

    private static JsonNode mutateTree(JsonNode root, Random rnd) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(rnd.nextInt(containers.size()));
        if (target instanceof ObjectNode obj && obj.size() > 0) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            String name = names.get(rnd.nextInt(names.size()));
            switch (rnd.nextInt(4)) {
                case 0 -> obj.remove(name);
                case 1 -> obj.set(name + (rnd.nextBoolean() ? "X" : ""), obj.remove(name));
                default -> obj.set(name, randomValue(rnd));
            }
        } else if (target instanceof ArrayNode arr) {
            switch (rnd.nextInt(3)) {
                case 0 -> arr.removeAll();
                case 1 -> {
                    if (arr.size() > 0) {
                        arr.add(arr.get(rnd.nextInt(arr.size())).deepCopy());
                    }
                }
                default -> arr.add(randomValue(rnd));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private static JsonNode randomValue(Random rnd) {
        return switch (rnd.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(rnd.nextInt());
            case 2 -> NODES.numberNode(-1.5e308);
            case 3 -> NODES.booleanNode(rnd.nextBoolean());
            case 4 -> NODES.textNode("");
            case 5 -> NODES.textNode("x".repeat(rnd.nextInt(5000)));
            case 6 -> NODES.arrayNode();
            case 7 -> NODES.objectNode().put("k", "v");
            case 8 -> NODES.textNode("2024-13-45T99:99:99Z");
            case 9 -> NODES.textNode("\u0000\uffff\ud83d\ude00 \"quoted\" \\");
            case 10 -> NODES.textNode("resolved");
            case 11 -> NODES.textNode("0001-01-01T00:00:00Z");
            case 12 -> NODES.numberNode(Long.MAX_VALUE);
            default -> NODES.textNode("firing");
        };
    }

    private static byte[] mutateBytes(byte[] seed, Random rnd, List<Seed> seeds) {
        switch (rnd.nextInt(9)) {
            case 0:
                return java.util.Arrays.copyOf(
                        seed, seed.length == 0 ? 0 : rnd.nextInt(seed.length));
            case 1:
                {
                    byte[] copy = seed.clone();
                    for (int k = 0; k < 1 + rnd.nextInt(4) && copy.length > 0; k++) {
                        copy[rnd.nextInt(copy.length)] = (byte) rnd.nextInt(256);
                    }
                    return copy;
                }
            case 2:
                return new byte[0];
            case 3:
                return new String[] {
                            "null", "[]", "{}", "\"text\"", "42", "true", "{\"a\":}", "[1,2", "{}{}"
                        }
                        [rnd.nextInt(9)].getBytes(StandardCharsets.UTF_8);
            case 4:
                return ("[".repeat(2000 + rnd.nextInt(2000)) + "]".repeat(10))
                        .getBytes(StandardCharsets.UTF_8);
            case 5:
                {
                    byte[] other = seeds.get(rnd.nextInt(seeds.size())).body();
                    return java.util.Arrays.copyOf(other, other.length);
                }
            case 6:
                {
                    byte[] junk = new byte[rnd.nextInt(512)];
                    rnd.nextBytes(junk);
                    return junk;
                }
            case 7:
                // Above the 256 KiB body limit of this server: must be 413, never 5xx.
                return ("{\"pad\":\"" + "y".repeat(300 * 1024) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            default:
                {
                    String s = new String(seed, StandardCharsets.UTF_8);
                    return (s + "\n" + s).getBytes(StandardCharsets.UTF_8);
                }
        }
    }
}
