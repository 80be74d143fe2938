package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.Tier;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The production job topology ({@link CorrelationJob#fromConfig}) on a MiniCluster with parallelism
 * 2, reading a real Kafka topic and writing real ClickHouse tables and a real Kafka topic. The
 * input is bounded so the job ends and every sink has flushed before the assertions.
 */
class CorrelationJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
    private static final List<String> SERVICES = List.of("checkout", "payments", "search");
    private static final int ALERTS_PER_EPISODE = 5;

    private static LocalKafka kafka;
    private static LocalClickHouse clickHouse;
    private static String database;
    private static String alertsTopic;
    private static String lifecycleTopic;
    private static String deploysTopic;
    private static String logsTopic;
    private static int notifications;

    @BeforeAll
    static void produceScenario() throws Exception {
        kafka = SharedTestInfra.kafka();
        clickHouse = SharedTestInfra.clickHouse();
        database = JobTestSupport.migratedDatabase(clickHouse, "job");
        alertsTopic = SharedTestInfra.uniqueName("alerts");
        lifecycleTopic = SharedTestInfra.uniqueName("lifecycle");
        deploysTopic = SharedTestInfra.uniqueName("deploys");
        logsTopic = SharedTestInfra.uniqueName("logs");
        kafka.createTopics(List.of(alertsTopic, lifecycleTopic, deploysTopic, logsTopic), 2);
        try (KafkaProducer<byte[], byte[]> producer =
                JobTestSupport.producer(kafka.bootstrapServers())) {
            // A record that is not an AlertEvent: the job must skip it, not fail.
            producer.send(
                            new ProducerRecord<>(
                                    alertsTopic,
                                    "prod/checkout".getBytes(StandardCharsets.UTF_8),
                                    "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
            for (AlertEvent alert : scenario()) {
                producer.send(
                                new ProducerRecord<>(
                                        alertsTopic,
                                        alert.scopeKey().getBytes(StandardCharsets.UTF_8),
                                        EventJson.toBytes(alert)))
                        .get();
                notifications++;
            }
            for (LifecycleEvent step : lifecycleSteps()) {
                producer.send(new ProducerRecord<>(lifecycleTopic, null, EventJson.toBytes(step)))
                        .get();
            }
            producer.send(
                            new ProducerRecord<>(
                                    deploysTopic,
                                    null,
                                    EventJson.toBytes(
                                            new DeployEvent(
                                                    1,
                                                    "test",
                                                    T0.minusSeconds(600),
                                                    "checkout",
                                                    "prod",
                                                    "v42",
                                                    "abc123",
                                                    DeployStatus.SUCCEEDED,
                                                    ""))))
                    .get();
        }
    }

    /**
     * A PagerDuty-style acknowledgement that names only an alert (first checkout episode, 120 s
     * after its start), and an imported ticket: opened at T0+3h, assigned, escalated to L2,
     * resolved one hour after opening and closed two hours after opening.
     */
    static List<LifecycleEvent> lifecycleSteps() {
        Instant ticketOpen = T0.plus(Duration.ofHours(3));
        Map<String, String> ticket =
                Map.of(
                        "title",
                        "Printer queue stuck",
                        "service",
                        "printing",
                        "priority",
                        "P3",
                        "category",
                        "hardware");
        return List.of(
                new LifecycleEvent(
                        1,
                        "pagerduty",
                        T0.plusSeconds(120),
                        null,
                        "checkout-fp-0",
                        LifecycleAction.ACK,
                        "alice",
                        "",
                        null,
                        "",
                        Map.of()),
                new LifecycleEvent(
                        1,
                        "servicenow",
                        ticketOpen,
                        "INC0001",
                        null,
                        LifecycleAction.OPEN,
                        "bob",
                        "desk",
                        Tier.L1,
                        "",
                        ticket),
                new LifecycleEvent(
                        1,
                        "servicenow",
                        ticketOpen.plusSeconds(300),
                        "INC0001",
                        null,
                        LifecycleAction.ASSIGN,
                        "bob",
                        "desk",
                        Tier.L1,
                        "",
                        Map.of()),
                new LifecycleEvent(
                        1,
                        "servicenow",
                        ticketOpen.plusSeconds(900),
                        "INC0001",
                        null,
                        LifecycleAction.ESCALATE,
                        "bob",
                        "infra",
                        Tier.L2,
                        "",
                        Map.of()),
                new LifecycleEvent(
                        1,
                        "servicenow",
                        ticketOpen.plusSeconds(3600),
                        "INC0001",
                        null,
                        LifecycleAction.RESOLVE,
                        "carol",
                        "infra",
                        null,
                        "",
                        Map.of()),
                new LifecycleEvent(
                        1,
                        "servicenow",
                        ticketOpen.plusSeconds(7200),
                        "INC0001",
                        null,
                        LifecycleAction.CLOSE,
                        "carol",
                        "infra",
                        null,
                        "",
                        Map.of()));
    }

    /**
     * Per service, two episodes an hour apart; each has five alerts starting 30 s apart, each
     * fires, repeats once and resolves. Episode e of service s resolves completely 600 + 60*s +
     * 120*e seconds after its first alert, which is its time to resolve.
     */
    static List<AlertEvent> scenario() {
        List<AlertEvent> list = new ArrayList<>();
        for (int s = 0; s < SERVICES.size(); s++) {
            for (int e = 0; e < 2; e++) {
                Instant start = T0.plus(Duration.ofHours(e)).plusSeconds(10L * s);
                Instant end = start.plusSeconds(ttrSeconds(s, e));
                for (int a = 0; a < ALERTS_PER_EPISODE; a++) {
                    String fp = SERVICES.get(s) + "-fp-" + a;
                    Instant startsAt = start.plusSeconds(30L * a);
                    list.add(
                            alert(
                                    fp,
                                    s,
                                    AlertStatus.FIRING,
                                    startsAt,
                                    startsAt,
                                    start.plusSeconds(1000 + a)));
                    list.add(
                            alert(
                                    fp,
                                    s,
                                    AlertStatus.FIRING,
                                    startsAt,
                                    startsAt,
                                    start.plusSeconds(2000 + a)));
                }
                for (int a = 0; a < ALERTS_PER_EPISODE; a++) {
                    String fp = SERVICES.get(s) + "-fp-" + a;
                    Instant resolveAt = a == 0 ? end : end.minusSeconds(30);
                    list.add(
                            alert(
                                    fp,
                                    s,
                                    AlertStatus.RESOLVED,
                                    start.plusSeconds(30L * a),
                                    resolveAt,
                                    resolveAt));
                }
            }
        }
        return list;
    }

    static long ttrSeconds(int service, int episode) {
        return 600 + 60L * service + 120L * episode;
    }

    private static AlertEvent alert(
            String fp,
            int s,
            AlertStatus status,
            Instant startsAt,
            Instant eventTime,
            Instant received) {
        String service = SERVICES.get(s);
        return new AlertEvent(
                1,
                "test",
                eventTime,
                received,
                fp,
                status,
                "Alert" + fp.charAt(fp.length() - 1),
                service,
                "prod",
                Severity.ERROR,
                "",
                Map.of("alertname", "A", "service", service),
                Map.of(),
                startsAt,
                status == AlertStatus.RESOLVED ? eventTime : null,
                "",
                "");
    }

    private static List<IncidentUpdate> runJob(String incidentsTopic, String group)
            throws Exception {
        kafka.createTopics(List.of(incidentsTopic), 2);
        CorrelationJobConfig base =
                CorrelationJobConfig.defaults(
                        kafka.bootstrapServers(), clickHouse.jdbcUrl(database));
        CorrelationJobConfig config =
                base.withTopics(
                                alertsTopic,
                                lifecycleTopic,
                                deploysTopic,
                                logsTopic,
                                incidentsTopic)
                        .withConsumerGroup(group)
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withParallelism(2)
                        .withBounded(true);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        CorrelationJob.fromConfig(config)
                .execute(StreamExecutionEnvironment.getExecutionEnvironment(conf));
        return JobTestSupport.committedFeed(kafka.bootstrapServers(), incidentsTopic);
    }

    private static long scalar(String sql) {
        return Long.parseLong(clickHouse.query(database, sql).trim());
    }

    @Test
    void groupsEachEpisodeIntoOneIncidentAndWritesClickHouseAndTheFeedIdempotently()
            throws Exception {
        List<IncidentUpdate> feed =
                runJob(SharedTestInfra.uniqueName("incidents"), SharedTestInfra.uniqueName("job"));

        int episodes = SERVICES.size() * 2;
        assertThat(
                        feed.stream()
                                .filter(
                                        u ->
                                                u.change() == IncidentChange.OPENED
                                                        && u.incident()
                                                                .source()
                                                                .equals("correlation-job")))
                .hasSize(episodes);
        List<IncidentUpdate> resolved =
                feed.stream().filter(u -> u.change() == IncidentChange.RESOLVED).toList();
        assertThat(resolved).hasSize(episodes);
        // Versions grow per incident across alert and lifecycle updates.
        Map<String, Long> lastVersion = new java.util.HashMap<>();
        for (IncidentUpdate u : feed) {
            Long before = lastVersion.put(u.incident().id(), u.incident().version());
            if (before != null) {
                assertThat(u.incident().version()).isGreaterThan(before);
            }
        }
        for (IncidentUpdate u : resolved) {
            int s = SERVICES.indexOf(u.incident().services().get(0));
            int e = u.incident().detectedAt().isBefore(T0.plus(Duration.ofMinutes(30))) ? 0 : 1;
            assertThat(
                            Duration.between(u.incident().detectedAt(), u.incident().resolvedAt())
                                    .getSeconds())
                    .as("TTR of %s episode %d", SERVICES.get(s), e)
                    .isEqualTo(ttrSeconds(s, e));
            assertThat(u.incident().alertCount()).isEqualTo(ALERTS_PER_EPISODE);
            assertThat(u.incident().notificationCount()).isEqualTo(3L * ALERTS_PER_EPISODE);
        }

        // The acknowledgement named only alert checkout-fp-0: it reached that alert's incident, 120
        // s in.
        // (It travels on another topic, so it may land before or after the resolve: check the
        // latest version.)
        assertThat(
                        clickHouse
                                .query(
                                        database,
                                        "SELECT (acknowledged_ms - detected_ms) / 1000 FROM incidents_latest"
                                                + " WHERE primary_service = 'checkout' AND detected_ms = "
                                                + T0.toEpochMilli())
                                .trim())
                .isEqualTo("120");

        int incidents = episodes + 1; // plus the imported ticket
        assertThat(scalar("SELECT count() FROM incidents_latest")).isEqualTo(incidents);
        assertThat(scalar("SELECT count() FROM incidents_latest WHERE status = 'resolved'"))
                .isEqualTo(incidents);
        assertThat(
                        scalar(
                                "SELECT sum(resolved_ms - detected_ms) / 1000 FROM incidents_latest WHERE source = 'correlation-job'"))
                .isEqualTo(sumOfTtr());
        assertThat(scalar("SELECT count() FROM incidents_latest WHERE acknowledged_ms IS NOT NULL"))
                .isEqualTo(1);
        assertThat(
                        clickHouse.query(
                                database,
                                "SELECT source, title, priority, category, team, tier, escalations, (resolved_ms - detected_ms) / 1000,"
                                        + " (closed_ms - detected_ms) / 1000 FROM incidents_latest WHERE incident_id = 'INC0001'"))
                .isEqualTo(
                        "servicenow\tPrinter queue stuck\tP3\thardware\tinfra\tL2\t1\t3600\t7200\n");
        assertThat(scalar("SELECT count() FROM lifecycle_events FINAL"))
                .isEqualTo(lifecycleSteps().size());
        assertThat(scalar("SELECT count() FROM lifecycle_events FINAL WHERE incident_id = ''"))
                .isZero();
        assertThat(
                        scalar(
                                "SELECT count() FROM deploys FINAL WHERE service = 'checkout' AND version = 'v42'"))
                .isEqualTo(1);
        assertThat(scalar("SELECT count() FROM incident_alerts FINAL"))
                .isEqualTo((long) episodes * ALERTS_PER_EPISODE);
        assertThat(scalar("SELECT count() FROM alerts FINAL")).isEqualTo(notifications);

        // A second run over the same input (a replay) produces the same ids: nothing is duplicated.
        runJob(SharedTestInfra.uniqueName("incidents"), SharedTestInfra.uniqueName("job"));
        assertThat(scalar("SELECT count() FROM incidents_latest")).isEqualTo(incidents);
        assertThat(scalar("SELECT count() FROM incident_alerts FINAL"))
                .isEqualTo((long) episodes * ALERTS_PER_EPISODE);
        assertThat(scalar("SELECT count() FROM alerts FINAL")).isEqualTo(notifications);
    }

    private static long sumOfTtr() {
        long sum = 0;
        for (int s = 0; s < SERVICES.size(); s++) {
            sum += ttrSeconds(s, 0) + ttrSeconds(s, 1);
        }
        return sum;
    }
}
