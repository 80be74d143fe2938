package dev.incidentintel.benchmarks;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.flink.CorrelationJob;
import dev.incidentintel.correlation.flink.CorrelationJobConfig;
import dev.incidentintel.correlation.flink.LocalFlink;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.Topics;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Load harness for the whole correlation path (issue 4): Kafka {@code alerts.v1} -> the real
 * correlation job in a local Flink MiniCluster -> the transactional {@code incidents.v1} feed and
 * ClickHouse. Not JMH: it measures a running pipeline.
 *
 * <p>Two phases on fresh topics and a fresh database:
 *
 * <ol>
 *   <li><b>Throughput.</b> {@code --alerts} notifications (new firings, repeats and resolves of
 *       {@code --episodes} concurrent alert episodes over {@code --services} services in two
 *       environments, deterministic in {@code --seed}) are produced before the job starts. The job
 *       then drains the backlog; the sustained rate is how fast the job's committed input offsets
 *       move (committed when a checkpoint completes), measured from the first commit to the one
 *       that completes the backlog (see {@link #drainRate}).
 *   <li><b>Latency.</b> With the backlog drained, alerts are produced at {@code --rate} per second
 *       for {@code --latency-seconds}, each with event time = the wall clock when it is produced.
 *       Two consumers read {@code incidents.v1}: one with {@code read_uncommitted} (the job's
 *       processing latency: produce -> Kafka -> job -> Kafka) and one with {@code read_committed}
 *       (what a downstream reader sees: adds the wait for the checkpoint that commits the
 *       transaction). Latency of one update = consumer receive time - the incident's event time
 *       (which is the triggering alert's event time). Repeats produce no update and are not
 *       sampled, nor are stale closes (timer-driven). The correlator has no group wait, so nothing
 *       is subtracted.
 * </ol>
 *
 * <pre>
 * mvn -q -B -o -pl benchmarks -am package -DskipTests
 * java -Xmx3g -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt) \
 *   dev.incidentintel.benchmarks.PipelineLoadHarness --alerts 1000000 --rate 20000 --latency-seconds 20
 * </pre>
 *
 * <p>{@code --kafka-bootstrap-servers} runs against an external broker (for example {@code
 * incident-intel local-kafka} in another process) instead of one embedded in the harness's JVM.
 */
public final class PipelineLoadHarness {
    private PipelineLoadHarness() {}

    record Options(
            int alerts,
            int services,
            int episodes,
            int rate,
            int latencySeconds,
            int parallelism,
            int partitions,
            Duration checkpoint,
            long seed,
            Duration orderingWait,
            String kafkaBootstrapServers) {
        static Options parse(String[] args) {
            int alerts = 1_000_000;
            int services = 200;
            int episodes = 400;
            int rate = 20_000;
            int latencySeconds = 20;
            int parallelism = 2;
            int partitions = 4;
            Duration checkpoint = Duration.ofSeconds(10); // the job command's default
            long seed = 42;
            Duration orderingWait = GroupingOptions.DEFAULT_ORDERING_WAIT;
            String kafkaBootstrapServers = "";
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--alerts" -> alerts = Integer.parseInt(value);
                    case "--services" -> services = Integer.parseInt(value);
                    case "--episodes" -> episodes = Integer.parseInt(value);
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--latency-seconds" -> latencySeconds = Integer.parseInt(value);
                    case "--parallelism" -> parallelism = Integer.parseInt(value);
                    case "--partitions" -> partitions = Integer.parseInt(value);
                    case "--checkpoint" -> checkpoint = Duration.parse(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--ordering-wait" -> orderingWait = Duration.parse(value);
                    case "--kafka-bootstrap-servers" -> kafkaBootstrapServers = value;
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option "
                                            + args[i]
                                            + " (known: --alerts N"
                                            + " --services N --episodes N --rate N --latency-seconds N --parallelism N --partitions N"
                                            + " --checkpoint PT10S --seed N --ordering-wait PT1S --kafka-bootstrap-servers HOST:PORT)");
                }
            }
            return new Options(
                    alerts,
                    services,
                    episodes,
                    rate,
                    latencySeconds,
                    parallelism,
                    partitions,
                    checkpoint,
                    seed,
                    orderingWait,
                    kafkaBootstrapServers);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path home = Files.createTempDirectory("pipeline-load");
        String run = "load" + System.currentTimeMillis();
        // An external broker (--kafka-bootstrap-servers, e.g. incident-intel local-kafka in another
        // process) or one embedded in this JVM, where a garbage collection stops broker, job and
        // harness.
        try (LocalKafka embedded =
                        o.kafkaBootstrapServers().isEmpty()
                                ? LocalKafka.start(home.resolve("kafka"))
                                : null;
                LocalClickHouse clickhouse = LocalClickHouse.start(home.resolve("clickhouse"))) {
            String bootstrap =
                    embedded != null ? embedded.bootstrapServers() : o.kafkaBootstrapServers();
            clickhouse.createDatabase(run);
            ClickHouseUrl db = ClickHouseUrl.parse(clickhouse.jdbcUrl(run));
            SchemaMigrator.fromClasspath(ClickHouseConnections.of(db)).migrate();
            String[] topics = {
                run + "-alerts",
                run + "-lifecycle",
                run + "-deploys",
                run + "-logs",
                run + "-incidents"
            };
            LocalKafka.createTopics(bootstrap, List.of(topics), o.partitions());
            // The job's late-alert side output goes to this fixed topic.
            LocalKafka.createTopics(bootstrap, List.of(Topics.ALERTS_LATE), 1);

            AlertStream stream = new AlertStream(o.services(), o.episodes(), o.seed());
            long t0 = System.nanoTime();
            Instant backlogStart = Instant.now().minusMillis(o.alerts());
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                for (int i = 0; i < o.alerts(); i++) {
                    send(producer, topics[0], stream.next(backlogStart.plusMillis(i)));
                }
                producer.flush();
            }
            System.out.printf(
                    Locale.ROOT,
                    "produced backlog of %,d alerts in %.1f s%n",
                    o.alerts(),
                    (System.nanoTime() - t0) / 1e9);

            CorrelationJobConfig config =
                    CorrelationJobConfig.defaults(bootstrap, db.jdbcUrl())
                            .withTopics(topics[0], topics[1], topics[2], topics[3], topics[4])
                            .withConsumerGroup(run)
                            .withCheckpointInterval(o.checkpoint())
                            .withParallelism(o.parallelism())
                            .withBounded(false);
            config =
                    config.withGrouping(
                            config.grouping()
                                    .withOrdering(
                                            o.orderingWait(), config.grouping().allowedLateness()));
            long started = System.nanoTime();
            JobClient job =
                    CorrelationJob.fromConfig(config)
                            .start(
                                    LocalFlink.environment(
                                            o.parallelism(), home.resolve("checkpoints"), false));
            try {
                double rate = drainRate(job, bootstrap, run, o.alerts(), started, o.checkpoint());
                LatencyReader uncommitted =
                        LatencyReader.start(bootstrap, topics[4], "read_uncommitted");
                LatencyReader committed =
                        LatencyReader.start(bootstrap, topics[4], "read_committed");
                long sent;
                try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                    // The clock starts once the readers own their partitions and the producer knows
                    // the
                    // topic: until then the first updates waited for the readers' group join (up to
                    // half a
                    // second of 200-300 ms samples, enough to set the p99 on its own) or for the
                    // producer's
                    // first metadata request, neither of which is the pipeline's latency.
                    producer.partitionsFor(topics[0]);
                    uncommitted.awaitAssignment(Duration.ofSeconds(30));
                    committed.awaitAssignment(Duration.ofSeconds(30));
                    Instant latencyStart = Instant.now();
                    uncommitted.from(latencyStart);
                    committed.from(latencyStart);
                    sent = produceAtRate(producer, topics[0], stream, o.rate(), o.latencySeconds());
                }
                Thread.sleep(o.checkpoint().toMillis() * 3 + 2000);
                uncommitted.stop();
                committed.stop();
                System.out.printf(
                        Locale.ROOT,
                        "pipeline load: alerts=%,d services=%d episodes=%d parallelism=%d partitions=%d checkpoint=%s ordering.wait=%s cores=%d%n"
                                + "  throughput (backlog drain, Kafka -> job -> Kafka + ClickHouse): %,.0f alerts/s%n"
                                + "  latency phase: %,d alerts at %,d/s for %d s%n"
                                + "  processing latency (read_uncommitted, %,d updates): %s%n"
                                + "  visible latency (read_committed, %,d updates): %s%n",
                        o.alerts(),
                        o.services(),
                        o.episodes(),
                        o.parallelism(),
                        o.partitions(),
                        o.checkpoint(),
                        o.orderingWait(),
                        Runtime.getRuntime().availableProcessors(),
                        rate,
                        sent,
                        o.rate(),
                        o.latencySeconds(),
                        uncommitted.count(),
                        uncommitted.summary(),
                        committed.count(),
                        committed.summary());
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Rate at which the job commits its input: offsets move only when a checkpoint completes (after
     * its ClickHouse rows are stored and its feed transaction is committed), in steps of one
     * checkpoint interval's work, so the rate is measured between commit steps, never inside one:
     * (offsets at the step that completes the backlog - offsets once the first step has settled) /
     * the time between the starts of those two steps. One checkpoint's partitions can commit a few
     * polls apart, so offset changes less than half a checkpoint interval after the previous change
     * belong to the same step. Needs at least two steps: a backlog drained within one checkpoint
     * falls back to backlog / time since submit (start-up included) and says so. Then waits for the
     * whole backlog.
     */
    static double drainRate(
            JobClient job,
            String bootstrap,
            String group,
            long total,
            long startedNanos,
            Duration checkpoint)
            throws Exception {
        long sameStep = checkpoint.toNanos() / 2;
        int steps = 0;
        long firstStepAt = 0;
        long firstStepCount = -1; // offsets once the first step has settled
        long stepAt = 0; // start of the current step
        long changedAt = 0;
        long previous = 0;
        long deadline = startedNanos + TimeUnit.MINUTES.toNanos(30);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    job.getJobExecutionResult().get(); // throws the job's failure
                    throw new IllegalStateException("the job ended before it drained the backlog");
                }
                long now = System.nanoTime();
                long done =
                        admin
                                .listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .values()
                                .stream()
                                .filter(Objects::nonNull)
                                .mapToLong(OffsetAndMetadata::offset)
                                .sum();
                if (done > previous) {
                    if (steps == 0 || now - changedAt > sameStep) {
                        steps++;
                        stepAt = now;
                        if (steps == 1) {
                            firstStepAt = now;
                        } else if (steps == 2) {
                            firstStepCount = previous;
                        }
                    }
                    changedAt = now;
                    previous = done;
                }
                if (done >= total) {
                    double seconds = (now - startedNanos) / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "  backlog of %,d committed %.1f s after the job was submitted, in %d commit steps%n",
                            total,
                            seconds,
                            steps);
                    if (steps >= 2) {
                        return (done - firstStepCount) / ((stepAt - firstStepAt) / 1e9);
                    }
                    System.out.println(
                            "  (one commit step only: the rate below includes the job's start-up; use a larger --alerts)");
                    return total / seconds;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the job did not commit the backlog within 30 minutes");
    }

    private static long produceAtRate(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            AlertStream stream,
            int rate,
            int seconds)
            throws InterruptedException {
        long sent = 0;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (sent < due) {
                send(producer, topic, stream.next(Instant.now()));
                sent++;
            }
            Thread.sleep(1);
        }
        producer.flush();
        return sent;
    }

    static void send(KafkaProducer<byte[], byte[]> producer, String topic, AlertEvent a) {
        producer.send(
                new ProducerRecord<>(
                        topic,
                        a.scopeKey().getBytes(StandardCharsets.UTF_8),
                        EventJson.toBytes(a)));
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = LocalKafka.safeProducerProperties(bootstrap);
        p.put("linger.ms", "2");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Notifications of overlapping alert episodes: each episode is a service with one to four alert
     * rules that fire, repeat and resolve; a resolved episode is replaced by a new one. Roughly a
     * quarter of the notifications are first firings, a sixth resolves and the rest repeats.
     */
    static final class AlertStream {
        private static final String[] NAMES = {
            "HighErrorRate",
            "HighLatency",
            "PodCrashLooping",
            "DiskFull",
            "TargetDown",
            "SaturatedCPU",
            "QueueBacklog"
        };
        private final int services;
        private final SplittableRandom random;
        private final Episode[] episodes;
        private long nextEpisode;

        AlertStream(int services, int concurrent, long seed) {
            this.services = services;
            this.random = new SplittableRandom(seed);
            this.episodes = new Episode[concurrent];
            for (int i = 0; i < concurrent; i++) {
                episodes[i] = newEpisode();
            }
        }

        AlertEvent next(Instant at) {
            int slot = random.nextInt(episodes.length);
            Episode e = episodes[slot];
            AlertStatus status = AlertStatus.FIRING;
            int rule;
            if (e.fired < e.rules) {
                rule = e.fired++;
            } else if (e.repeats > 0) {
                e.repeats--;
                rule = random.nextInt(e.rules);
            } else {
                rule = e.resolved++;
                status = AlertStatus.RESOLVED;
                if (e.resolved == e.rules) {
                    episodes[slot] = newEpisode();
                }
            }
            String name = NAMES[(int) ((e.id + rule) % NAMES.length)];
            String fingerprint = "ep" + e.id + "-" + rule;
            Map<String, String> labels =
                    Map.of("alertname", name, "service", e.service, "env", e.environment);
            return new AlertEvent(
                    AlertEvent.SCHEMA_VERSION,
                    "alertmanager",
                    at,
                    at,
                    fingerprint,
                    status,
                    name,
                    e.service,
                    e.environment,
                    rule == 0 ? Severity.CRITICAL : Severity.WARNING,
                    name + " on " + e.service,
                    labels,
                    Map.of(),
                    e.startsAt(at),
                    status == AlertStatus.RESOLVED ? at : null,
                    null,
                    null);
        }

        private Episode newEpisode() {
            int rules = 1 + random.nextInt(4);
            int service = random.nextInt(services);
            return new Episode(
                    nextEpisode++,
                    "svc-" + service,
                    service % 5 == 0 ? "staging" : "prod",
                    rules,
                    rules * (2 + random.nextInt(5)));
        }

        private static final class Episode {
            final long id;
            final String service;
            final String environment;
            final int rules;
            int repeats;
            int fired;
            int resolved;
            Instant started;

            Episode(long id, String service, String environment, int rules, int repeats) {
                this.id = id;
                this.service = service;
                this.environment = environment;
                this.rules = rules;
                this.repeats = repeats;
            }

            Instant startsAt(Instant at) {
                if (started == null) {
                    started = at;
                }
                return started;
            }
        }
    }

    /** Reads the incident feed on its own thread and records receive time - incident event time. */
    static final class LatencyReader {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Long> samples = new ArrayList<>();
        private final Thread thread;
        private volatile long fromMillis = Long.MAX_VALUE;
        private final java.util.concurrent.CountDownLatch assigned =
                new java.util.concurrent.CountDownLatch(1);

        private LatencyReader(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
            this.thread = new Thread(this::loop, "latency-reader");
        }

        static LatencyReader start(String bootstrap, String topic, String isolation) {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("group.id", "latency-" + isolation + "-" + System.nanoTime());
            p.put("auto.offset.reset", "latest");
            p.put("enable.auto.commit", "false");
            p.put("isolation.level", isolation);
            p.put("fetch.max.wait.ms", "10");
            KafkaConsumer<byte[], byte[]> c =
                    new KafkaConsumer<>(
                            p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            c.subscribe(List.of(topic));
            LatencyReader r = new LatencyReader(c);
            r.thread.setDaemon(true);
            r.thread.start();
            return r;
        }

        /** Waits until the group gave this reader its partitions (it reads from their end). */
        void awaitAssignment(Duration timeout) throws InterruptedException {
            if (!assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "the latency reader got no partitions within " + timeout);
            }
        }

        void from(Instant start) {
            fromMillis = start.toEpochMilli();
        }

        private void loop() {
            try {
                while (running.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(20));
                    if (!consumer.assignment().isEmpty()) {
                        assigned.countDown();
                    }
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        long received = System.currentTimeMillis();
                        IncidentUpdate u = EventJson.read(r.value(), IncidentUpdate.class);
                        long eventMillis = u.incident().eventTime().toEpochMilli();
                        // Stale closes come from event-time timers, not from an alert: no alert to
                        // measure from.
                        if (eventMillis >= fromMillis && u.change() != IncidentChange.STALE) {
                            synchronized (samples) {
                                samples.add(received - eventMillis);
                            }
                        }
                    }
                }
            } finally {
                consumer.close();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }

        int count() {
            synchronized (samples) {
                return samples.size();
            }
        }

        String summary() {
            long[] sorted;
            synchronized (samples) {
                sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            if (sorted.length == 0) {
                return "no samples";
            }
            return String.format(
                    Locale.ROOT,
                    "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms",
                    at(sorted, 0.50),
                    at(sorted, 0.90),
                    at(sorted, 0.99),
                    sorted[sorted.length - 1]);
        }

        private static long at(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }
}
