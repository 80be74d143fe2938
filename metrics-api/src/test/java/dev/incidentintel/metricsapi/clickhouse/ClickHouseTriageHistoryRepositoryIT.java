package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.ProgressListener;
import dev.incidentintel.triage.Suggestion;
import dev.incidentintel.triage.TrainingSet;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import dev.incidentintel.triage.TriageTrainer;
import dev.incidentintel.triage.feedback.HistoricIncident;
import dev.incidentintel.triage.feedback.HistoryLabels;
import dev.incidentintel.triage.feedback.LabelledIncident;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Learning from reassignments against a real ClickHouse 18.16: incidents, member alerts and
 * lifecycle steps are written to the migrated schema, read back by the repository, labelled by
 * {@link HistoryLabels} and trained on; the model must answer with the team people reassigned such
 * incidents to, not with the team it first suggested.
 */
class ClickHouseTriageHistoryRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-09-01T08:00:00Z");
    private static final int PER_KIND = 12;
    private static final String[] DB_WORDS = {
        "postgres", "replication", "deadlock", "vacuum", "index"
    };
    private static final String[] KAFKA_WORDS = {
        "kafka", "consumer", "lag", "partition", "rebalance"
    };
    private static final String[] VPN_WORDS = {"vpn", "packet", "loss", "router", "dns"};
    private static final String[] DISK_WORDS = {"disk", "full", "inode", "volume", "mount"};

    private static LocalClickHouse clickHouse;
    private static String database;
    private static ClickHouseTriageHistoryRepository repository;

    @BeforeAll
    static void seed() {
        clickHouse = SharedTestInfra.clickHouse();
        database = SharedTestInfra.uniqueName("triage_history");
        ClickHouseConnections connections =
                ClickHouseConnections.of(ClickHouseUrl.parse(clickHouse.jdbcUrl(database)));
        SchemaMigrator.fromClasspath(connections).migrate();
        repository = new ClickHouseTriageHistoryRepository(connections);

        StringBuilder incidents = new StringBuilder();
        StringBuilder lifecycle = new StringBuilder();
        for (int i = 0; i < PER_KIND; i++) {
            long at = T0.plusSeconds(3600L * i).toEpochMilli();
            // Database incidents: half imported tickets (people set everything), half job-made
            // incidents
            // the model routed to team-db and people confirmed.
            if (i % 2 == 0) {
                incidents.append(
                        incident(
                                "db-" + i,
                                1,
                                title(DB_WORDS, i),
                                "servicenow",
                                "database",
                                "team-db",
                                "P2",
                                0,
                                at));
            } else {
                incidents.append(
                        incident(
                                "db-" + i,
                                1,
                                title(DB_WORDS, i),
                                "correlation-job",
                                "database",
                                "team-db",
                                "P1",
                                0.9,
                                at));
                lifecycle.append(step("db-" + i, at + 60_000, 1, "team-db"));
            }
            // Kafka incidents: the model suggested team-db; people moved them to team-streaming
            // (after a
            // first wrong assignment, written last so arrival order differs from event order).
            incidents.append(
                    incident(
                            "kafka-" + i,
                            1,
                            title(KAFKA_WORDS, i),
                            "correlation-job",
                            "database",
                            "",
                            "",
                            0,
                            at));
            incidents.append(
                    incident(
                            "kafka-" + i,
                            2,
                            title(KAFKA_WORDS, i),
                            "correlation-job",
                            "database",
                            "team-db",
                            "P2",
                            0.6,
                            at));
            lifecycle.append(step("kafka-" + i, at + 600_000, 2, "team-streaming"));
            lifecycle.append(step("kafka-" + i, at + 60_000, 3, "team-db"));
            // Network tickets, imported with everything set by people.
            incidents.append(
                    incident(
                            "vpn-" + i,
                            1,
                            title(VPN_WORDS, i),
                            "servicenow",
                            "network",
                            "team-net",
                            "P3",
                            0,
                            at));
            // Disk incidents: the model routed them to team-storage and nobody confirmed: no label.
            incidents.append(
                    incident(
                            "disk-" + i,
                            1,
                            title(DISK_WORDS, i),
                            "correlation-job",
                            "capacity",
                            "team-storage",
                            "P3",
                            0.8,
                            at));
        }
        // Before the window: would be a team-legacy label if it were read.
        long old = T0.minusSeconds(86_400L * 200).toEpochMilli();
        incidents.append(
                incident("old-1", 1, "kafka consumer lag", "correlation-job", "", "", "", 0, old));
        lifecycle.append(step("old-1", old + 60_000, 1, "team-legacy"));

        insert(
                "INSERT INTO incidents (incident_id, version, title, environment, services, primary_service,"
                        + " severity, status, impact_start_ms, detected_ms, updated_ms, alert_count, firing_count,"
                        + " notification_count, source, category, team, priority, triage_confidence) VALUES "
                        + incidents);
        insert(
                "INSERT INTO lifecycle_events (event_ms, received_ms, incident_id, alert_fingerprint, action,"
                        + " actor, team, tier, note, source) VALUES "
                        + lifecycle);
        long linked = T0.toEpochMilli() + 1000;
        insert(
                "INSERT INTO incident_alerts (incident_id, fingerprint, linked_ms, alert_name, service,"
                        + " environment, reason, score_keys, score_values) VALUES"
                        + " ('kafka-0', 'fp-a', "
                        + linked
                        + ", 'ConsumerLagHigh', 'orders', 'prod', 'opened', [], []),"
                        + " ('kafka-0', 'fp-b', "
                        + (linked + 5)
                        + ", 'RebalanceStorm', 'orders', 'prod', 'attached', [], [])");
        insert(
                "INSERT INTO alerts (event_ms, received_ms, fingerprint, status, name, service, environment,"
                        + " severity, summary, source, starts_ms, label_keys, label_values, generator_url, raw_id) VALUES"
                        + " ("
                        + linked
                        + ", "
                        + linked
                        + ", 'fp-a', 'firing', 'ConsumerLagHigh', 'orders', 'prod', 'critical',"
                        + " 'old summary', 'alertmanager', "
                        + linked
                        + ", ['topic'], ['stale'], '', ''),"
                        + " ("
                        + linked
                        + ", "
                        + (linked + 9)
                        + ", 'fp-a', 'firing', 'ConsumerLagHigh', 'orders', 'prod', 'critical',"
                        + " 'consumer group orders lags 50000 messages', 'alertmanager', "
                        + linked
                        + ", ['topic'], ['orders'], '', '')");
    }

    private static String title(String[] words, int i) {
        return words[i % words.length]
                + " "
                + words[(i + 2) % words.length]
                + " "
                + words[(i + 3) % words.length];
    }

    private static String incident(
            String id,
            int version,
            String title,
            String source,
            String category,
            String team,
            String priority,
            double confidence,
            long detected) {
        return "('"
                + id
                + "', "
                + version
                + ", '"
                + title
                + "', 'prod', ['orders'], 'orders', 'critical', 'open', "
                + detected
                + ", "
                + detected
                + ", "
                + (detected + version)
                + ", 1, 1, 1, '"
                + source
                + "', '"
                + category
                + "', '"
                + team
                + "', '"
                + priority
                + "', "
                + confidence
                + ") ";
    }

    private static String step(String incident, long at, long receivedOffset, String team) {
        return "("
                + at
                + ", "
                + (at + receivedOffset)
                + ", '"
                + incident
                + "', '', 'assign', 'alice', '"
                + team
                + "', 'L2', '', 'pagerduty') ";
    }

    private static void insert(String sql) {
        clickHouse.query(database, sql);
    }

    private static List<LabelledIncident> examples() {
        Instant since = T0.minusSeconds(86_400L * 90);
        return HistoryLabels.examples(repository.incidents(since), repository.assignments(since));
    }

    @Test
    void readsTheLatestSnapshotWithItsMemberAlertsSinceTheStart() {
        Map<String, HistoricIncident> byId =
                repository.incidents(T0.minusSeconds(86_400L * 90)).stream()
                        .collect(Collectors.toMap(HistoricIncident::id, Function.identity()));
        assertThat(byId).hasSize(4 * PER_KIND).doesNotContainKey("old-1");
        HistoricIncident k0 = byId.get("kafka-0");
        assertThat(k0.team()).isEqualTo("team-db");
        assertThat(k0.triageConfidence()).isEqualTo(0.6);
        TriageInput in = k0.input();
        assertThat(in.alertNames()).containsExactly("ConsumerLagHigh", "RebalanceStorm");
        assertThat(in.description()).isEqualTo("consumer group orders lags 50000 messages");
        assertThat(in.labels()).containsExactly(Map.entry("topic", "orders"));
        assertThat(in.services()).containsExactly("orders");
        assertThat(in.source()).isEqualTo("correlation-job");
        assertThat(byId.get("vpn-3").input().alertNames()).isEmpty();
    }

    @Test
    void labelsArePeoplesDecisionsOnly() {
        Map<String, LabelledIncident> byId =
                examples().stream()
                        .collect(Collectors.toMap(LabelledIncident::id, Function.identity()));
        List<LifecycleEvent> steps = repository.assignments(T0.minusSeconds(86_400L * 90));
        assertThat(steps).hasSize(PER_KIND / 2 + 2 * PER_KIND);
        assertThat(byId.get("kafka-5").team()).isEqualTo("team-streaming");
        assertThat(byId.get("kafka-5").category()).isEmpty(); // the model's category
        assertThat(byId.get("db-1").team()).isEqualTo("team-db");
        assertThat(byId.get("db-1").priority()).isEmpty(); // the model's priority
        assertThat(byId.get("db-2").priority()).isEqualTo("P2"); // the ticket's
        assertThat(byId.get("vpn-4").category()).isEqualTo("network");
        assertThat(byId).doesNotContainKeys("disk-0", "disk-7", "old-1");
    }

    @Test
    void aModelTrainedOnTheHistoryRoutesASimilarNewIncidentToTheReassignedTeam() {
        TrainingSet set = new TrainingSet();
        examples().forEach(l -> set.add(l.input(), l.labels()));
        Properties p = new Properties();
        p.setProperty("triage.folds", "3");
        p.setProperty("triage.hash_bits", "12");
        p.setProperty("triage.candidates", "logistic");
        TriageModel model =
                new TriageTrainer(Options.of(p), ProgressListener.NONE)
                        .train(set.inputs(), set.trainableLabels());

        assertThat(model.target(Suggestion.TEAM).classes())
                .containsExactlyInAnyOrder("team-db", "team-net", "team-streaming");
        TriageInput fresh =
                new TriageInput(
                        "kafka consumer lag rebalance",
                        "",
                        List.of("ConsumerLagHigh"),
                        Map.of(),
                        "critical",
                        "correlation-job",
                        List.of("orders"),
                        "prod",
                        null,
                        null);
        assertThat(model.suggest(fresh).team().orElseThrow().label()).isEqualTo("team-streaming");
        TriageInput db =
                new TriageInput(
                        "postgres deadlock vacuum",
                        "",
                        List.of(),
                        Map.of(),
                        "critical",
                        "correlation-job",
                        List.of("orders"),
                        "prod",
                        null,
                        null);
        assertThat(model.suggest(db).team().orElseThrow().label()).isEqualTo("team-db");
    }
}
