package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.clickhouse.ClickHouseSink;
import dev.incidentintel.correlation.clickhouse.ClickHouseSinkOptions;
import dev.incidentintel.correlation.clickhouse.IncidentAlertRows;
import dev.incidentintel.correlation.clickhouse.IncidentRows;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once across a failure: the same input is run once cleanly and once with a failure
 * injected in the incident sink mid-stream (after a checkpoint), so Flink restarts from that
 * checkpoint. Both runs must end with the same incidents (ids, final versions' status, member
 * counts), every alert stored once, and a committed feed with exactly one "opened" per incident.
 */
class ExactlyOnceRestartIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final int SERVICES = 8;
    private static final int EPISODES = 4;
    private static final int ALERTS = 4;

    private static final String LATEST =
            "SELECT incident_id, status, alert_count, notification_count,"
                    + " (resolved_ms - detected_ms) FROM incidents_latest ORDER BY incident_id FORMAT TSV";
    private static final String LINKS =
            "SELECT incident_id, fingerprint, reason FROM incident_alerts FINAL"
                    + " ORDER BY incident_id, fingerprint FORMAT TSV";

    private static LocalKafka kafka;
    private static LocalClickHouse clickHouse;
    private static String alertsTopic;
    private static String lifecycleTopic;
    private static String deploysTopic;
    private static String logsTopic;
    private static int notifications;

    @BeforeAll
    static void produce() throws Exception {
        kafka = SharedTestInfra.kafka();
        clickHouse = SharedTestInfra.clickHouse();
        alertsTopic = SharedTestInfra.uniqueName("eo_alerts");
        lifecycleTopic = SharedTestInfra.uniqueName("eo_lifecycle");
        deploysTopic = SharedTestInfra.uniqueName("eo_deploys");
        logsTopic = SharedTestInfra.uniqueName("eo_logs");
        kafka.createTopics(List.of(alertsTopic, lifecycleTopic, deploysTopic, logsTopic), 2);
        try (KafkaProducer<byte[], byte[]> producer =
                JobTestSupport.producer(kafka.bootstrapServers())) {
            for (int s = 0; s < SERVICES; s++) {
                String service = "svc" + s;
                for (int e = 0; e < EPISODES; e++) {
                    Instant start = T0.plus(Duration.ofHours(e)).plusSeconds(s);
                    for (int a = 0; a < ALERTS; a++) {
                        send(
                                producer,
                                alert(
                                        service,
                                        a,
                                        AlertStatus.FIRING,
                                        start.plusSeconds(20L * a),
                                        start.plusSeconds(20L * a)));
                        send(
                                producer,
                                alert(
                                        service,
                                        a,
                                        AlertStatus.FIRING,
                                        start.plusSeconds(20L * a),
                                        start.plusSeconds(200 + a)));
                    }
                    for (int a = 0; a < ALERTS; a++) {
                        send(
                                producer,
                                alert(
                                        service,
                                        a,
                                        AlertStatus.RESOLVED,
                                        start.plusSeconds(20L * a),
                                        start.plusSeconds(900 + a)));
                    }
                }
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, AlertEvent a)
            throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                alertsTopic,
                                a.scopeKey().getBytes(StandardCharsets.UTF_8),
                                EventJson.toBytes(a)))
                .get();
        notifications++;
    }

    private static AlertEvent alert(
            String service, int a, AlertStatus status, Instant startsAt, Instant at) {
        return new AlertEvent(
                1,
                "test",
                status == AlertStatus.FIRING ? startsAt : at,
                at,
                service + "-fp" + a,
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

    private record Run(String database, String incidentsTopic) {}

    private static Run run(boolean injectFailure) throws Exception {
        return run(injectFailure, 2);
    }

    private static Run run(boolean injectFailure, int parallelism) throws Exception {
        String database = JobTestSupport.migratedDatabase(clickHouse, "eo");
        String incidentsTopic = SharedTestInfra.uniqueName("eo_incidents");
        kafka.createTopics(List.of(incidentsTopic), 2);
        CorrelationJobConfig config =
                CorrelationJobConfig.defaults(
                                kafka.bootstrapServers(), clickHouse.jdbcUrl(database))
                        .withTopics(
                                alertsTopic,
                                lifecycleTopic,
                                deploysTopic,
                                logsTopic,
                                incidentsTopic)
                        .withConsumerGroup(SharedTestInfra.uniqueName("eo_job"))
                        .withCheckpointInterval(Duration.ofMillis(300))
                        .withParallelism(parallelism)
                        .withBounded(true);
        CorrelationJob.Sinks sinks = CorrelationJob.productionSinks(config);
        if (injectFailure) {
            // The incident store as production builds it, but with a flush interval longer than the
            // run,
            // so its rows stay pending in every checkpoint until the end of input (see
            // FailOnceSink).
            ClickHouseSink<IncidentUpdate> incidentStore =
                    new ClickHouseSink<>(
                            config.clickhouseUrl(),
                            IncidentUpdate.class,
                            List.of(new IncidentAlertRows(), new IncidentRows()),
                            new ClickHouseSinkOptions(
                                    100_000, Duration.ofHours(1), 5, Duration.ofMillis(200)));
            sinks =
                    new CorrelationJob.Sinks(
                            sinks.alertStore(),
                            sinks.lifecycleStore(),
                            sinks.deployStore(),
                            new FailOnceSink<>(incidentStore, 40),
                            sinks.incidentFeed(),
                            sinks.logTemplateStore(),
                            sinks.anomalyStore());
        }
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, injectFailure ? "fixed-delay" : "none");
        conf.setString("restart-strategy.fixed-delay.attempts", "2");
        conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
        // Barriers overtake in-flight records, so a checkpoint completes while the sink is still
        // busy
        // with the stream (with aligned barriers the small input is all buffered before the first
        // one).
        conf.setString("execution.checkpointing.unaligned.enabled", "true");
        new CorrelationJob(config, CorrelationJob.productionSources(config), sinks)
                .execute(StreamExecutionEnvironment.getExecutionEnvironment(conf));
        return new Run(database, incidentsTopic);
    }

    private static String query(Run run, String sql) {
        return clickHouse.query(run.database(), sql);
    }

    @Test
    void aRestartFromACheckpointLosesNothingAndDuplicatesNothing() throws Exception {
        Run clean = run(false);
        FailOnceSink.FAILED.set(false);
        FailOnceSink.RESTORED.set(0);
        Run failed = run(true);
        assertThat(FailOnceSink.FAILED.get())
                .as("the injected failure happened mid-stream")
                .isTrue();
        assertThat(FailOnceSink.RESTORED.get())
                .as("the restarted incident store got the rows its checkpoint held as pending")
                .isPositive();

        int incidents = SERVICES * EPISODES;
        assertThat(query(failed, LATEST)).isEqualTo(query(clean, LATEST)).hasLineCount(incidents);
        assertThat(query(failed, "SELECT count() FROM incident_alerts FINAL").trim())
                .isEqualTo(Integer.toString(incidents * ALERTS));
        assertThat(query(failed, "SELECT count() FROM alerts FINAL").trim())
                .isEqualTo(Integer.toString(notifications));

        for (Run run : List.of(clean, failed)) {
            List<IncidentUpdate> feed =
                    JobTestSupport.committedFeed(kafka.bootstrapServers(), run.incidentsTopic());
            assertThat(
                            feed.stream()
                                    .filter(u -> u.change() == IncidentChange.OPENED)
                                    .map(u -> u.incident().id()))
                    .as(
                            () ->
                                    "opened incidents on the committed feed of the "
                                            + (run == clean ? "clean" : "restarted")
                                            + " run ("
                                            + run.incidentsTopic()
                                            + ", "
                                            + feed.size()
                                            + " updates); read_uncommitted shows "
                                            + JobTestSupport.feed(
                                                            kafka.bootstrapServers(),
                                                            run.incidentsTopic(),
                                                            "read_uncommitted")
                                                    .stream()
                                                    .filter(
                                                            u ->
                                                                    u.change()
                                                                            == IncidentChange
                                                                                    .OPENED)
                                                    .count()
                                            + " opened updates")
                    .hasSize(incidents)
                    .doesNotHaveDuplicates();
            assertThat(
                            feed.stream()
                                    .filter(u -> u.change() == IncidentChange.RESOLVED)
                                    .map(u -> u.incident().id()))
                    .hasSize(incidents)
                    .doesNotHaveDuplicates();
        }
    }

    /**
     * Alerts are keyed by correlation scope (the Kafka key ingest writes, then keyBy in the job),
     * so spreading the scopes over two subtasks must not change any incident or link.
     */
    @Test
    void parallelismTwoGivesTheSameIncidentsAsParallelismOne() throws Exception {
        Run one = run(false, 1);
        Run two = run(false, 2);
        assertThat(query(two, LATEST))
                .isEqualTo(query(one, LATEST))
                .hasLineCount(SERVICES * EPISODES);
        assertThat(query(two, LINKS))
                .isEqualTo(query(one, LINKS))
                .hasLineCount(SERVICES * EPISODES * ALERTS);
    }
}
