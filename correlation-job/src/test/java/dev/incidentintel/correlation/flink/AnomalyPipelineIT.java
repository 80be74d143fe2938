package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.LogEvent;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logs in, anomalies out: ten hours of a steady log line rate for one service, then a five-minute
 * burst. The job mines the template, stores it, detects the rate anomaly, stores it, and turns it
 * into an alert (source "anomaly") that the correlation opens an incident for. A second service
 * sends a metric as log events (metric/value attributes) whose spike becomes a "metric" anomaly.
 */
class AnomalyPipelineIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    @Test
    void aLogRateBurstBecomesAnAnomalyAnAlertAndAnIncident() throws Exception {
        LocalKafka kafka = SharedTestInfra.kafka();
        LocalClickHouse clickHouse = SharedTestInfra.clickHouse();
        String database = JobTestSupport.migratedDatabase(clickHouse, "anomaly");
        String prefix = SharedTestInfra.uniqueName("an");
        List<String> topics =
                List.of(
                        prefix + "_alerts",
                        prefix + "_lifecycle",
                        prefix + "_deploys",
                        prefix + "_logs",
                        prefix + "_incidents");
        kafka.createTopics(topics, 2);

        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                JobTestSupport.producer(kafka.bootstrapServers())) {
            for (int minute = 0; minute < 660; minute++) {
                int lines = minute >= 600 && minute < 605 ? 400 : 4;
                for (int i = 0; i < lines; i++) {
                    Instant t = T0.plusSeconds(60L * minute + (i * 59L) / lines);
                    LogEvent log =
                            new LogEvent(
                                    1,
                                    "test",
                                    t,
                                    t,
                                    "api",
                                    "prod",
                                    "api-1",
                                    "ERROR",
                                    "Timeout calling payments after " + (100 + i) + " ms",
                                    Map.of(),
                                    "");
                    sent.add(
                            producer.send(
                                    new ProducerRecord<>(
                                            topics.get(3),
                                            log.scopeKey().getBytes(StandardCharsets.UTF_8),
                                            EventJson.toBytes(log))));
                }
                // A metric sent as a log event: db's p99 latency, steady with a wiggle, ten times
                // higher in the burst.
                double p99 = minute >= 600 && minute < 605 ? 1000 : 100 + minute % 7;
                Instant t = T0.plusSeconds(60L * minute + 30);
                LogEvent sample =
                        new LogEvent(
                                1,
                                "test",
                                t,
                                t,
                                "db",
                                "prod",
                                "db-1",
                                "INFO",
                                "p99_latency_ms=" + p99,
                                Map.of("metric", "p99_latency_ms", "value", Double.toString(p99)),
                                "");
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topics.get(3),
                                        sample.scopeKey().getBytes(StandardCharsets.UTF_8),
                                        EventJson.toBytes(sample))));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(); // every line must be in the topic before the job starts
            }
        }

        JobTestSupport.runBounded(kafka, clickHouse, database, topics, prefix + "_job");

        // One template: the duration is masked, so every line is the same event.
        assertThat(
                        clickHouse
                                .query(
                                        database,
                                        "SELECT uniqExact(template_id) FROM log_templates WHERE service = 'api'")
                                .trim())
                .isEqualTo("1");
        // The metric samples were not mined as log lines, and their spike is an anomaly of kind
        // "metric".
        assertThat(
                        clickHouse
                                .query(
                                        database,
                                        "SELECT count() FROM log_templates WHERE service = 'db'")
                                .trim())
                .isEqualTo("0");
        String metric =
                clickHouse
                        .query(
                                database,
                                "SELECT count(), min(started_ms) FROM anomalies WHERE service = 'db'"
                                        + " AND kind = 'metric' AND subject = 'p99_latency_ms' AND status = 'firing'")
                        .trim();
        assertThat(Long.parseLong(metric.split("\t")[0])).isGreaterThanOrEqualTo(1);
        assertThat(Instant.ofEpochMilli(Long.parseLong(metric.split("\t")[1])))
                .isBetween(T0.plus(Duration.ofMinutes(600)), T0.plus(Duration.ofMinutes(605)));
        // The anomaly opened within the burst (minutes 600-604) and was stored.
        String firing =
                clickHouse.query(
                        database,
                        "SELECT count(), min(started_ms) FROM anomalies WHERE service = 'api' AND status = 'firing'");
        String[] parts = firing.trim().split("\t");
        assertThat(Long.parseLong(parts[0])).isGreaterThanOrEqualTo(1);
        Instant started = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        assertThat(started)
                .isBetween(T0.plus(Duration.ofMinutes(600)), T0.plus(Duration.ofMinutes(605)));
        // It became an alert and an incident whose impact starts at the anomaly's start.
        assertThat(
                        clickHouse
                                .query(
                                        database,
                                        "SELECT count() FROM alerts WHERE source = 'anomaly' AND status = 'firing'")
                                .trim())
                .isNotEqualTo("0");
        assertThat(
                        clickHouse.query(
                                database,
                                "SELECT title, impact_start_ms FROM incidents_latest WHERE primary_service = 'api' FORMAT TSV"))
                .isEqualTo("AnomalousLogRate on api\t" + started.toEpochMilli() + "\n");
    }
}
