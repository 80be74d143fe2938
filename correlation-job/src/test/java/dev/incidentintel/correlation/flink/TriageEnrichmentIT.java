package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.triage.TriageFixture;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Incident;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's triage stage end to end: the production topology ({@link CorrelationJob#fromConfig})
 * with a model directory (trained here from {@link TriageFixture}, passed as {@code
 * -Dincident-intel.triage.model} like {@code TRIAGE_MODEL}) on a MiniCluster with parallelism 2,
 * real Kafka and real ClickHouse. Incidents the model is sure about open with its category, team
 * and priority in the committed {@code incidents.v1} feed and in ClickHouse; an incident it
 * abstains on stays without them; a team a person assigns wins over the model's.
 */
class TriageEnrichmentIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Instant T0 = Instant.parse("2026-08-03T09:00:00Z");

    /** Service to the name of its one alert (the incident title is "name on service"). */
    private static final Map<String, String> ALERTS =
            Map.of(
                    "orders-db", "postgres replication lag",
                    "edge", "vpn packet loss",
                    "billing", "zorblax frobnicator",
                    "ledger-db", "postgres deadlock vacuum");

    @Test
    void openedIncidentsCarryTheModelsSuggestionsUnlessItAbstains(@TempDir Path modelDir)
            throws Exception {
        TriageFixture.train().save(modelDir);
        LocalKafka kafka = SharedTestInfra.kafka();
        LocalClickHouse clickHouse = SharedTestInfra.clickHouse();
        String database = JobTestSupport.migratedDatabase(clickHouse, "triage_job");
        String prefix = SharedTestInfra.uniqueName("tr");
        List<String> topics =
                List.of(
                        prefix + "_alerts",
                        prefix + "_lifecycle",
                        prefix + "_deploys",
                        prefix + "_logs",
                        prefix + "_incidents");
        kafka.createTopics(topics, 2);
        try (KafkaProducer<byte[], byte[]> producer =
                JobTestSupport.producer(kafka.bootstrapServers())) {
            int i = 0;
            for (Map.Entry<String, String> e : ALERTS.entrySet()) {
                Instant start = T0.plus(Duration.ofHours(i++));
                for (AlertEvent a :
                        List.of(
                                alert(e.getKey(), e.getValue(), AlertStatus.FIRING, start, start),
                                alert(
                                        e.getKey(),
                                        e.getValue(),
                                        AlertStatus.RESOLVED,
                                        start,
                                        start.plusSeconds(600)))) {
                    producer.send(
                                    new ProducerRecord<>(
                                            topics.get(0),
                                            a.scopeKey().getBytes(StandardCharsets.UTF_8),
                                            EventJson.toBytes(a)))
                            .get();
                }
            }
            // A person assigns the ledger-db incident (named by its alert) to the DBA team.
            LifecycleEvent assign =
                    new LifecycleEvent(
                            1,
                            "pagerduty",
                            T0.plus(Duration.ofHours(3)).plusSeconds(60),
                            null,
                            "fp-ledger-db",
                            LifecycleAction.ASSIGN,
                            "alice",
                            "team-dba",
                            Tier.L2,
                            "",
                            Map.of());
            producer.send(new ProducerRecord<>(topics.get(1), null, EventJson.toBytes(assign)))
                    .get();
        }

        System.setProperty("incident-intel.triage.model", modelDir.toString());
        try {
            JobTestSupport.runBounded(kafka, clickHouse, database, topics, prefix + "_job");
        } finally {
            System.clearProperty("incident-intel.triage.model");
        }

        Map<String, Incident> opened =
                JobTestSupport.committedFeed(kafka.bootstrapServers(), topics.get(4)).stream()
                        .filter(u -> u.change() == IncidentChange.OPENED)
                        .map(IncidentUpdate::incident)
                        .collect(Collectors.toMap(in -> in.services().get(0), in -> in));
        assertThat(opened).containsOnlyKeys(ALERTS.keySet());
        assertSuggested(opened.get("orders-db"), "database", "team-db", "P1");
        assertSuggested(opened.get("edge"), "network", "team-net", "P3");
        Incident unknown = opened.get("billing");
        assertThat(List.of(unknown.category(), unknown.team(), unknown.priority()))
                .containsOnly("");
        assertThat(unknown.triageConfidence()).isZero();

        // ClickHouse holds the same, and the person's team won over the model's on ledger-db.
        assertThat(
                        clickHouse.query(
                                database,
                                "SELECT primary_service, category, team, priority, triage_confidence > 0"
                                        + " FROM incidents_latest ORDER BY primary_service FORMAT TSV"))
                .isEqualTo(
                        "billing\t\t\t\t0\n"
                                + "edge\tnetwork\tteam-net\tP3\t1\n"
                                + "ledger-db\tdatabase\tteam-dba\tP1\t1\n"
                                + "orders-db\tdatabase\tteam-db\tP1\t1\n");
    }

    private static void assertSuggested(
            Incident incident, String category, String team, String priority) {
        assertThat(incident.category()).as(incident.title()).isEqualTo(category);
        assertThat(incident.team()).as(incident.title()).isEqualTo(team);
        assertThat(incident.priority()).as(incident.title()).isEqualTo(priority);
        assertThat(incident.triageConfidence()).as(incident.title()).isBetween(0.5, 1.0);
    }

    private static AlertEvent alert(
            String service, String name, AlertStatus status, Instant startsAt, Instant at) {
        return new AlertEvent(
                1,
                "test",
                at,
                at,
                "fp-" + service,
                status,
                name,
                service,
                "prod",
                Severity.CRITICAL,
                "",
                Map.of("service", service),
                Map.of(),
                startsAt,
                status == AlertStatus.RESOLVED ? at : null,
                "",
                "");
    }
}
