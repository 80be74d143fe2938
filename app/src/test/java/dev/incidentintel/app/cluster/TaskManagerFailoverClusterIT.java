package dev.incidentintel.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.app.demo.ApiClient;
import dev.incidentintel.correlation.flink.CorrelationJob;
import dev.incidentintel.correlation.flink.CorrelationJobConfig;
import dev.incidentintel.correlation.flink.RemoteCluster;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.Topics;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.http.IngestServer;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.cluster.LocalCluster;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Failure tests on real cluster processes ({@code local-cluster}: a Flink session cluster of one
 * JobManager and two TaskManagers, three Kafka nodes, each its own JVM): the correlation job is
 * submitted with its job jar over REST, half of a scenario is streamed, then a TaskManager is
 * killed with SIGKILL (or the job is stopped with a savepoint and a new submission restores it),
 * and the rest is streamed. The incidents must equal those of a run without failure at parallelism
 * 1: same ids, statuses, alert and notification counts, every alert in exactly one incident. Runs
 * in the {@code cluster-it} profile ({@code ./mvnw -Pcluster-it ...}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskManagerFailoverClusterIT {
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final int SERVICES = 6;
    private static final int EPISODES = 4;
    private static final int ALERTS = 3;
    private static final String CLOCK = "zz-clock";
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);
    private static final String LATEST =
            "SELECT incident_id, status, alert_count, notification_count,"
                    + " (resolved_ms - detected_ms) FROM incidents_latest WHERE primary_service != '"
                    + CLOCK
                    + "'"
                    + " ORDER BY incident_id FORMAT TSV";

    private static LocalCluster cluster;
    private static LocalClickHouse clickHouse;
    private static RemoteCluster flink;
    private static Path jobJar;
    private static String baseline;

    @BeforeAll
    static void startCluster() throws Exception {
        jobJar = findJobJar();
        clickHouse = SharedTestInfra.clickHouse();
        cluster =
                LocalCluster.in(
                        Path.of("target", "cluster-it-" + ProcessHandle.current().pid()), 0);
        long t0 = System.nanoTime();
        cluster.up(System.getProperty("java.class.path"), Topics.ALL, 4);
        System.out.printf("cluster up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        flink = RemoteCluster.of(cluster.layout().flinkRestUrl());
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.down();
            // Kafka data and checkpoints take ~400 MB per run; the process logs stay for diagnosis.
            deleteAllBut(cluster.layout().stateDir(), cluster.layout().stateDir().resolve("logs"));
        }
    }

    private static void deleteAllBut(Path dir, Path keep) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.startsWith(keep) && !p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A scenario run: its own alerts topic, incidents topic, consumer group and database. */
    private record Run(
            String alerts,
            String incidents,
            String database,
            CorrelationJobConfig config,
            LocalClickHouse ch) {
        String query(String sql) {
            return ch.query(database, sql);
        }
    }

    private static Run newRun(String name) {
        return newRun(name, clickHouse);
    }

    private static Run newRun(String name, LocalClickHouse clickHouse) {
        String alerts = SharedTestInfra.uniqueName(name + "_alerts");
        String incidents = SharedTestInfra.uniqueName(name + "_incidents");
        cluster.createTopics(List.of(alerts, incidents), 4);
        String database = SharedTestInfra.uniqueName(name);
        clickHouse.createDatabase(database);
        SchemaMigrator.fromClasspath(
                        ClickHouseConnections.of(ClickHouseUrl.parse(clickHouse.jdbcUrl(database))))
                .migrate();
        CorrelationJobConfig config =
                CorrelationJobConfig.defaults(
                                cluster.layout().kafkaBootstrapServers(),
                                clickHouse.jdbcUrl(database))
                        .withTopics(
                                alerts, Topics.LIFECYCLE, Topics.DEPLOYS, Topics.LOGS, incidents)
                        .withConsumerGroup(SharedTestInfra.uniqueName(name + "_job"))
                        .withCheckpointInterval(Duration.ofSeconds(1));
        return new Run(alerts, incidents, database, config, clickHouse);
    }

    private static String submit(Run run, int parallelism, String savepoint) throws Exception {
        return flink.submit(
                CorrelationJob.fromConfig(run.config()),
                jobJar,
                parallelism,
                savepoint,
                false,
                Map.of());
    }

    @Test
    @Order(1)
    void baselineAtParallelismOneWithoutFailure() throws Exception {
        Run run = newRun("base");
        String job = submit(run, 1, null);
        awaitRunning(job);
        produce(run, firstHalf(), false);
        produce(run, secondHalf(), true);
        baseline = settle(run);
        flink.cancel(job);
        assertThat(baseline).hasLineCount(SERVICES * EPISODES);
    }

    @Test
    @Order(2)
    void killedTaskManagerRestartsFromCheckpointWithSameIncidents() throws Exception {
        Run run = newRun("tmkill");
        String job = submit(run, 2, null);
        try {
            killTaskManagerMidScenario(run, job);
        } finally {
            cancelQuietly(job);
            for (int i = 1; i <= 2; i++) {
                cluster.startTaskManager(System.getProperty("java.class.path"), i);
            }
            cluster.awaitTaskManagers(2);
        }
    }

    private static void killTaskManagerMidScenario(Run run, String job) throws Exception {
        awaitRunning(job);
        produce(run, firstHalf(), false);
        awaitStored(run, firstHalf().size());
        long checkpoints = flink.completedCheckpoints(job);
        await(
                "a checkpoint after the first half",
                () -> completed(job) > checkpoints,
                Duration.ofSeconds(60));

        // Kill a TaskManager that runs tasks of the job (the scheduler may have put them all on
        // one).
        java.util.Set<String> hosts = flink.taskManagersOf(job);
        assertThat(hosts).isNotEmpty();
        int victim = Integer.parseInt(hosts.iterator().next().replace("tm-", ""));
        long killed = System.nanoTime();
        long killedAt = System.currentTimeMillis();
        cluster.process(LocalCluster.taskManagerName(victim)).kill();
        produce(run, secondHalf(), true);
        await("the job restarted", () -> failures(job) >= 1, Duration.ofSeconds(60));
        await("all tasks running again", () -> running(job), Duration.ofSeconds(120));
        String incidents = settle(run);
        double settledSeconds = (System.nanoTime() - killed) / 1e9;
        Map<String, Long> states = flink.stateTimestamps(job);
        System.out.printf(
                "TaskManager kill: job RESTARTING after %.1f s, RUNNING again after %.1f s, "
                        + "all incidents correct after %.1f s%n",
                (states.get("RESTARTING") - killedAt) / 1e3,
                (states.get("RUNNING") - killedAt) / 1e3,
                settledSeconds);

        assertThat(incidents).isEqualTo(baseline);
        assertEveryAlertInExactlyOneIncident(run);
    }

    @Test
    @Order(3)
    void stopWithSavepointAndRestoreKeepsOpenIncidents() throws Exception {
        Run run = newRun("savepoint");
        String job = submit(run, 2, null);
        String[] restored = {null};
        try {
            stopAndRestore(run, job, restored);
        } finally {
            cancelQuietly(job);
            if (restored[0] != null) {
                cancelQuietly(restored[0]);
            }
        }
    }

    private static void stopAndRestore(Run run, String job, String[] restoredJob) throws Exception {
        awaitRunning(job);
        produce(run, firstHalf(), false);
        awaitStored(run, firstHalf().size());
        // Incidents of the third episode are open now; the restored job must attach their later
        // notifications to them, not open new ones.
        await(
                "the third episode's incidents stored as open",
                () ->
                        run.query(
                                        "SELECT count() FROM incidents_latest WHERE status != 'resolved' AND primary_service != '"
                                                + CLOCK
                                                + "'")
                                .trim()
                                .equals(Integer.toString(SERVICES)),
                SETTLE_TIMEOUT);
        long t0 = System.nanoTime();
        String savepoint = flink.stopWithSavepoint(job, null, Duration.ofMinutes(2));
        double stopSeconds = (System.nanoTime() - t0) / 1e9;
        produce(run, secondHalf(), true);
        long t1 = System.nanoTime();
        String restored = submit(run, 2, savepoint);
        restoredJob[0] = restored;
        awaitRunning(restored);
        double restoreSeconds = (System.nanoTime() - t1) / 1e9;
        String incidents = settle(run);
        System.out.printf(
                "stop-with-savepoint took %.1f s, restore to running %.1f s (savepoint %s)%n",
                stopSeconds, restoreSeconds, savepoint);
        assertThat(incidents).isEqualTo(baseline);
        assertEveryAlertInExactlyOneIncident(run);
    }

    @Test
    @Order(4)
    void killedKafkaBrokerUnderIngestLoadLosesAndDuplicatesNothingAcknowledged() throws Exception {
        Run run = newRun("brokerkill");
        String job = submit(run, 2, null);
        int victim = -1;
        try (IngestServer.Running ingest =
                IngestServer.start(
                        IngestConfig.defaults(cluster.layout().kafkaBootstrapServers())
                                .withListen("127.0.0.1", 0)
                                .withAlertsTopic(run.alerts()))) {
            awaitRunning(job);
            ApiClient client = new ApiClient("http://127.0.0.1:" + ingest.port(), "");
            victim = leaderOfFirstPartition(run.alerts());
            List<String> acknowledged = new ArrayList<>();
            int refused = 0;
            long slowest = 0;
            long killedAt = 0;
            for (int i = 0; i < BROKER_KILL_ALERTS; i++) {
                if (i == BROKER_KILL_ALERTS / 3) {
                    killedAt = System.nanoTime();
                    cluster.process(LocalCluster.kafkaName(victim)).kill();
                }
                long t0 = System.nanoTime();
                HttpResponse<String> r = client.postAlertmanager(webhook(i));
                if (killedAt > 0) {
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                }
                if (r.statusCode() / 100 == 2) {
                    acknowledged.add("bk-" + i);
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    refused++;
                }
            }
            double afterKill = (System.nanoTime() - killedAt) / 1e9;
            Map<String, Integer> inTopic = recordsPerFingerprint(run.alerts());
            assertThat(inTopic.keySet()).containsAll(acknowledged);
            assertThat(inTopic.values()).as("records per alert in the topic").allMatch(n -> n == 1);
            // The job counted every record exactly once: notifications over all incidents = records
            // in the topic.
            long records = inTopic.size();
            await(
                    "every record correlated once",
                    () ->
                            Long.parseLong(
                                            run.query(
                                                            "SELECT sum(notification_count) FROM incidents_latest")
                                                    .trim())
                                    == records,
                    SETTLE_TIMEOUT);
            assertThat(
                            run.query(
                                            "SELECT count(), uniqExact(fingerprint) FROM incident_alerts FINAL FORMAT TSV")
                                    .trim())
                    .isEqualTo(records + "\t" + records);
            System.out.printf(
                    "Kafka node %d killed under ingest load: %d of %d webhooks acknowledged, %d answered 503, "
                            + "slowest answer after the kill %.2f s, %d posts in %.1f s after the kill, job failures %d%n",
                    victim,
                    acknowledged.size(),
                    BROKER_KILL_ALERTS,
                    refused,
                    slowest / 1e9,
                    BROKER_KILL_ALERTS - BROKER_KILL_ALERTS / 3,
                    afterKill,
                    failures(job));
        } finally {
            cancelQuietly(job);
            if (victim > 0) {
                cluster.startKafka(System.getProperty("java.class.path"), victim);
                cluster.awaitKafka();
            }
        }
    }

    private static final int BROKER_KILL_ALERTS = 900;

    /**
     * One Alertmanager webhook with one firing alert; 30 services so incidents spread over scopes.
     */
    private static String webhook(int i) {
        String service = "bk" + (i % 30);
        Instant start = T0.plusSeconds(i);
        return "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"incident-intel\",\"groupKey\":\"{}:{service=\\\""
                + service
                + "\\\"}\",\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://am\",\"alerts\":[{"
                + "\"status\":\"firing\",\"labels\":{\"alertname\":\"Load"
                + (i % 7)
                + "\",\"service\":\""
                + service
                + "\",\"environment\":\"prod\",\"severity\":\"warning\"},\"annotations\":{},\"startsAt\":\""
                + start
                + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"\",\"fingerprint\":\"bk-"
                + i
                + "\"}]}";
    }

    private static int leaderOfFirstPartition(String topic) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of("bootstrap.servers", cluster.layout().kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .get(0)
                    .leader()
                    .id();
        }
    }

    /** Committed records of a topic, counted per alert fingerprint. */
    private static Map<String, Integer> recordsPerFingerprint(String topic) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", cluster.layout().kafkaBootstrapServers());
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    counts.merge(
                            EventJson.read(r.value(), AlertEvent.class).fingerprint(),
                            1,
                            Integer::sum);
                }
            }
        }
        return counts;
    }

    @Test
    @Order(5)
    void clickHouseRestartDuringTheJobLosesAndDuplicatesNothing() throws Exception {
        // A server of its own on fixed ports, so it comes back where the job's sinks look for it.
        int[] ports = dev.incidentintel.localstack.FreePorts.pick(2);
        LocalClickHouse.Options options =
                new LocalClickHouse.Options(
                        Path.of("target", "cluster-it-ch-" + ProcessHandle.current().pid()),
                        ports[0],
                        ports[1]);
        LocalClickHouse own = LocalClickHouse.start(options);
        Run run = newRun("chrestart", own);
        String job = submit(run, 2, null);
        try {
            awaitRunning(job);
            produce(run, firstHalf(), false);
            awaitStored(run, firstHalf().size());
            own.close();
            long down = System.nanoTime();
            produce(run, secondHalf(), true);
            Thread.sleep(CLICKHOUSE_DOWN.toMillis());
            own = LocalClickHouse.start(options);
            Run back = new Run(run.alerts(), run.incidents(), run.database(), run.config(), own);
            long up = System.nanoTime();
            String incidents = settle(back);
            System.out.printf(
                    "ClickHouse down %.1f s: all incidents correct %.1f s after it was back (job failures: %d)%n",
                    (up - down) / 1e9, (System.nanoTime() - up) / 1e9, failures(job));
            assertThat(flink.state(job)).as("the job did not fail for good").isEqualTo("RUNNING");
            assertThat(incidents).isEqualTo(baseline);
            assertEveryAlertInExactlyOneIncident(back);
            assertThat(
                            back.query(
                                            "SELECT count(), uniqExact(fingerprint, event_ms, status, received_ms) FROM alerts FINAL"
                                                    + " WHERE service != '"
                                                    + CLOCK
                                                    + "' FORMAT TSV")
                                    .trim())
                    .isEqualTo(
                            (firstHalf().size() + secondHalf().size())
                                    + "\t"
                                    + (firstHalf().size() + secondHalf().size()));
        } finally {
            cancelQuietly(job);
            own.close();
            deleteAllBut(options.dataDir(), options.dataDir().resolve("no-such-folder"));
        }
    }

    private static final Duration CLICKHOUSE_DOWN = Duration.ofSeconds(10);

    private static void cancelQuietly(String job) {
        try {
            flink.cancel(job);
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("cancel " + job + ": " + e.getMessage());
        }
    }

    private static void assertEveryAlertInExactlyOneIncident(Run run) {
        assertThat(
                        run.query(
                                        "SELECT count(), uniqExact(fingerprint) FROM incident_alerts FINAL WHERE incident_id IN"
                                                + " (SELECT incident_id FROM incidents_latest WHERE primary_service != '"
                                                + CLOCK
                                                + "') FORMAT TSV")
                                .trim())
                .isEqualTo(SERVICES * EPISODES * ALERTS + "\t" + SERVICES * EPISODES * ALERTS);
    }

    // --- the scenario: per service and episode ALERTS alerts fire, repeat, then resolve ----------

    /** Episodes 0 and 1 complete, episode 2 firing only (its incidents stay open). */
    private static List<AlertEvent> firstHalf() {
        List<AlertEvent> out = new ArrayList<>();
        for (int e = 0; e < EPISODES - 1; e++) {
            out.addAll(firing(e));
            if (e < EPISODES - 2) {
                out.addAll(resolving(e));
            }
        }
        return out;
    }

    /** Episode 2 resolves, episode 3 complete. */
    private static List<AlertEvent> secondHalf() {
        List<AlertEvent> out = new ArrayList<>(resolving(EPISODES - 2));
        out.addAll(firing(EPISODES - 1));
        out.addAll(resolving(EPISODES - 1));
        return out;
    }

    private static List<AlertEvent> firing(int episode) {
        List<AlertEvent> out = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            Instant start = T0.plus(Duration.ofHours(episode)).plusSeconds(s);
            for (int a = 0; a < ALERTS; a++) {
                out.add(
                        alert(
                                "svc" + s,
                                episode,
                                a,
                                AlertStatus.FIRING,
                                start.plusSeconds(20L * a),
                                start.plusSeconds(20L * a)));
                out.add(
                        alert(
                                "svc" + s,
                                episode,
                                a,
                                AlertStatus.FIRING,
                                start.plusSeconds(20L * a),
                                start.plusSeconds(200 + a)));
            }
        }
        return out;
    }

    private static List<AlertEvent> resolving(int episode) {
        List<AlertEvent> out = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            Instant start = T0.plus(Duration.ofHours(episode)).plusSeconds(s);
            for (int a = 0; a < ALERTS; a++) {
                out.add(
                        alert(
                                "svc" + s,
                                episode,
                                a,
                                AlertStatus.RESOLVED,
                                start.plusSeconds(20L * a),
                                start.plusSeconds(900 + a)));
            }
        }
        return out;
    }

    private static AlertEvent alert(
            String service, int episode, int a, AlertStatus status, Instant startsAt, Instant at) {
        return new AlertEvent(
                1,
                "test",
                status == AlertStatus.FIRING ? startsAt : at,
                at,
                service + "-e" + episode + "-fp" + a,
                status,
                "Alert" + a,
                service,
                "prod",
                Severity.ERROR,
                "",
                Map.of("alertname", "Alert" + a),
                Map.of(),
                startsAt,
                status == AlertStatus.RESOLVED ? at : null,
                "",
                "");
    }

    /**
     * Sends with the ingest key (the correlation scope key); with {@code clock}, then one clock
     * alert per partition two hours after the last alert, so event time moves past the scenario on
     * every partition as live traffic would move it.
     */
    private static void produce(Run run, List<AlertEvent> alerts, boolean clock) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        LocalKafka.safeProducerProperties(cluster.layout().kafkaBootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            for (AlertEvent a : alerts) {
                producer.send(
                                new ProducerRecord<>(
                                        run.alerts(),
                                        a.scopeKey().getBytes(StandardCharsets.UTF_8),
                                        EventJson.toBytes(a)))
                        .get();
            }
            if (!clock) {
                return;
            }
            Instant last =
                    alerts.stream()
                            .map(AlertEvent::eventTime)
                            .max(Instant::compareTo)
                            .orElseThrow();
            for (int p = 0; p < 4; p++) {
                AlertEvent tick =
                        alert(
                                CLOCK,
                                0,
                                p,
                                AlertStatus.FIRING,
                                last.plus(Duration.ofHours(2)),
                                last.plus(Duration.ofHours(2)));
                producer.send(
                                new ProducerRecord<>(
                                        run.alerts(),
                                        p,
                                        tick.scopeKey().getBytes(StandardCharsets.UTF_8),
                                        EventJson.toBytes(tick)))
                        .get();
            }
        }
    }

    private static void awaitStored(Run run, int notifications) {
        await(
                "the first half stored",
                () ->
                        Long.parseLong(
                                        run.query(
                                                        "SELECT count() FROM alerts FINAL WHERE service != '"
                                                                + CLOCK
                                                                + "'")
                                                .trim())
                                >= notifications,
                SETTLE_TIMEOUT);
    }

    /**
     * Waits until every incident of the scenario is resolved and the rows stop changing; returns
     * them.
     */
    private static String settle(Run run) {
        String[] last = {""};
        await(
                "all " + SERVICES * EPISODES + " incidents resolved",
                () -> {
                    String now = run.query(LATEST);
                    boolean done =
                            now.lines().count() == SERVICES * EPISODES
                                    && now.lines().allMatch(l -> l.contains("\tresolved\t"))
                                    && now.equals(last[0]);
                    last[0] = now;
                    return done;
                },
                SETTLE_TIMEOUT);
        return last[0];
    }

    private static void awaitRunning(String job) {
        await("job " + job + " running", () -> running(job), Duration.ofSeconds(120));
    }

    private static boolean running(String job) {
        try {
            return flink.allTasksRunning(job);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static long completed(String job) {
        try {
            return flink.completedCheckpoints(job);
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static long failures(String job) {
        try {
            return flink.failures(job);
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private static Path findJobJar() throws IOException {
        Path target = Path.of("..", "correlation-job", "target");
        try (Stream<Path> jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-job.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no *-job.jar in "
                                                    + target.toAbsolutePath()
                                                    + ": build it with ./mvnw -o -B -pl app -am package -DskipTests"));
        }
    }
}
