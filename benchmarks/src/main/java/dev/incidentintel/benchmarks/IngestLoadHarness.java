package dev.incidentintel.benchmarks;

import dev.incidentintel.events.Topics;
import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.http.IngestServer;
import dev.incidentintel.localstack.LocalKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Load harness for ingest (not JMH: it measures a server over HTTP, end to end): starts an
 * in-process KRaft broker on loopback (or uses {@code --bootstrap}), the real ingest server with
 * its acks=all producer, and {@code --clients} closed-loop HTTP clients posting Alertmanager
 * webhooks of {@code --batch} alerts each. After {@code --warmup} seconds it measures for {@code
 * --seconds}: alerts/s acknowledged (every 202 means Kafka acknowledged all records of the
 * request), requests/s, and the request latency distribution (p50/p90/p99/max). Everything runs in
 * one JVM on the same cores, as it would on this 2-core machine.
 *
 * <pre>
 * mvn -q -B -o -pl benchmarks package -DskipTests
 * java -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt) \
 *   dev.incidentintel.benchmarks.IngestLoadHarness --batch 100 --clients 4 --seconds 20
 * </pre>
 */
public final class IngestLoadHarness {
    private IngestLoadHarness() {}

    record Options(
            int batch, int clients, int seconds, int warmup, int partitions, String bootstrap) {
        static Options parse(String[] args) {
            int batch = 100;
            int clients = 4;
            int seconds = 20;
            int warmup = 5;
            int partitions = 3;
            String bootstrap = null;
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--partitions" -> partitions = Integer.parseInt(value);
                    case "--bootstrap" -> bootstrap = value;
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option "
                                            + args[i]
                                            + " (known: --batch N --clients N --seconds N --warmup N --partitions N --bootstrap HOST:PORT)");
                }
            }
            return new Options(batch, clients, seconds, warmup, partitions, bootstrap);
        }
    }

    /**
     * Creates the topics on an external broker (auto-creation may be off), keeping existing ones.
     */
    private static void createTopics(String bootstrap, List<String> names, int partitions)
            throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                            .all()
                            .get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path dir = Files.createTempDirectory("ingest-load");
        LocalKafka kafka = o.bootstrap() == null ? LocalKafka.start(dir.resolve("kafka")) : null;
        String bootstrap = kafka != null ? kafka.bootstrapServers() : o.bootstrap();
        String topic = "load_alerts_" + System.currentTimeMillis();
        if (kafka != null) {
            kafka.createTopics(List.of(topic, Topics.DLQ), o.partitions());
        } else {
            createTopics(bootstrap, List.of(topic, Topics.DLQ), o.partitions());
        }
        IngestConfig config =
                IngestConfig.defaults(bootstrap).withListen("127.0.0.1", 0).withAlertsTopic(topic);
        try (IngestServer.Running server = IngestServer.start(config)) {
            Result r = run(o, "http://127.0.0.1:" + server.port() + "/api/v1/alerts/alertmanager");
            System.out.printf(
                    Locale.ROOT,
                    "ingest load: batch=%d clients=%d partitions=%d measured=%ds cores=%d%n"
                            + "  %,.0f alerts/s (%,.0f requests/s), %d requests, %d non-202%n"
                            + "  request latency ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f%n",
                    o.batch(),
                    o.clients(),
                    o.partitions(),
                    o.seconds(),
                    Runtime.getRuntime().availableProcessors(),
                    r.alerts / (double) o.seconds(),
                    r.requests / (double) o.seconds(),
                    r.requests,
                    r.failures,
                    r.percentile(0.50),
                    r.percentile(0.90),
                    r.percentile(0.99),
                    r.percentile(1.0));
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /** Measured totals and latencies (nanoseconds) of the measurement window. */
    static final class Result {
        long alerts;
        long requests;
        long failures;
        long[] latencies;

        double percentile(double q) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1);
            return latencies[Math.max(0, index)] / 1e6;
        }
    }

    static Result run(Options o, String url) throws Exception {
        HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        LongAdder alerts = new LongAdder();
        LongAdder requests = new LongAdder();
        LongAdder failures = new LongAdder();
        List<long[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < o.clients(); c++) {
            // Bodies are built up front so the clients spend their CPU on HTTP, not on JSON.
            byte[][] bodies = new byte[32][];
            for (int b = 0; b < bodies.length; b++) {
                bodies[b] = body(c, b, o.batch());
            }
            long[] lat = new long[500_000];
            int[] n = new int[1];
            perThread.add(lat);
            counts.add(n);
            Thread t =
                    new Thread(
                            () -> {
                                int i = 0;
                                while (!stop.get()) {
                                    byte[] body = bodies[i++ % bodies.length];
                                    long start = System.nanoTime();
                                    boolean ok;
                                    try {
                                        HttpResponse<Void> r =
                                                client.send(
                                                        HttpRequest.newBuilder(URI.create(url))
                                                                .header(
                                                                        "Content-Type",
                                                                        "application/json")
                                                                .POST(
                                                                        HttpRequest.BodyPublishers
                                                                                .ofByteArray(body))
                                                                .build(),
                                                        HttpResponse.BodyHandlers.discarding());
                                        ok = r.statusCode() == 202;
                                    } catch (IOException e) {
                                        ok = false;
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                    long took = System.nanoTime() - start;
                                    if (measuring.get()) {
                                        requests.increment();
                                        if (ok) {
                                            alerts.add(o.batch());
                                        } else {
                                            failures.increment();
                                        }
                                        if (n[0] < lat.length) {
                                            lat[n[0]++] = took;
                                        }
                                    }
                                }
                            },
                            "load-client-" + c);
            threads.add(t);
            t.start();
        }
        Thread.sleep(o.warmup() * 1000L);
        measuring.set(true);
        Thread.sleep(o.seconds() * 1000L);
        measuring.set(false);
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
        Result r = new Result();
        r.alerts = alerts.sum();
        r.requests = requests.sum();
        r.failures = failures.sum();
        int total = counts.stream().mapToInt(a -> a[0]).sum();
        long[] all = new long[total];
        int pos = 0;
        for (int c = 0; c < perThread.size(); c++) {
            System.arraycopy(perThread.get(c), 0, all, pos, counts.get(c)[0]);
            pos += counts.get(c)[0];
        }
        Arrays.sort(all);
        r.latencies = all;
        return r;
    }

    /** An Alertmanager webhook with {@code batch} firing alerts over 20 services. */
    static byte[] body(int client, int variant, int batch) {
        StringBuilder sb = new StringBuilder(batch * 400);
        sb.append(
                "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"{}:{alertname=\\\"Load\\\"}\",\"receiver\":\"load\",\"alerts\":[");
        for (int a = 0; a < batch; a++) {
            int id = (client * 1000 + variant) * batch + a;
            if (a > 0) {
                sb.append(',');
            }
            sb.append(
                            "{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighLatency\",\"service\":\"svc-")
                    .append(id % 20)
                    .append("\",\"env\":\"prod\",\"severity\":\"warning\",\"instance\":\"10.0.")
                    .append(id % 250)
                    .append('.')
                    .append(a % 250)
                    .append(
                            ":9100\"},\"annotations\":{\"summary\":\"p99 latency above 500ms\",\"description\":\"instance ")
                    .append(id)
                    .append(
                            " is slow\"},\"startsAt\":\"2024-05-01T12:00:00.000Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
                    .append(
                            "\"generatorURL\":\"http://prometheus:9090/graph?g0.expr=latency\",\"fingerprint\":\"")
                    .append(String.format("%016x", id))
                    .append("\"}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
