package dev.incidentintel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.app.Main;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --from-clickhouse} against a real ClickHouse 18.16, together with a ticket file: the
 * file teaches the database/network/access teams; the history holds incidents about Kafka lag that
 * the model had routed to team-database and people reassigned to team-streaming, and incidents
 * older than {@code --since} that must not count.
 */
class TrainFromClickHouseIT {

    @Test
    void learnsTheReassignedTeamFromTheHistoryNextToTheFile(@TempDir Path dir) throws Exception {
        LocalClickHouse clickHouse = SharedTestInfra.clickHouse();
        String database = SharedTestInfra.uniqueName("train_history");
        String url = clickHouse.jdbcUrl(database);
        SchemaMigrator.fromClasspath(ClickHouseConnections.of(ClickHouseUrl.parse(url))).migrate();
        long now = Instant.now().toEpochMilli();
        StringBuilder incidents = new StringBuilder();
        StringBuilder steps = new StringBuilder();
        String[] words = {"kafka", "consumer", "lag", "partition", "rebalance", "offset"};
        for (int i = 0; i < 15; i++) {
            long at = now - 3_600_000L * (i + 1);
            String title = words[i % 6] + " " + words[(i + 1) % 6] + " " + words[(i + 3) % 6];
            incidents
                    .append("('k")
                    .append(i)
                    .append("', 1, '")
                    .append(title)
                    .append("', 'prod', ['orders'], 'orders'," + " 'critical', 'open', ")
                    .append(at)
                    .append(", ")
                    .append(at)
                    .append(", ")
                    .append(at)
                    .append(", 1, 1, 1, 'correlation-job', 'database', 'team-database', 0.7) ");
            steps.append("(")
                    .append(at + 60_000)
                    .append(", ")
                    .append(at + 60_000)
                    .append(", 'k")
                    .append(i)
                    .append("', '', 'assign', 'bob', 'team-streaming', 'L2', '', 'pagerduty') ");
        }
        // 400 days old: outside the default --since of 90 days.
        long old = now - 86_400_000L * 400;
        for (int i = 0; i < 15; i++) {
            incidents
                    .append("('old")
                    .append(i)
                    .append(
                            "', 1, 'vpn packet router', 'prod', ['edge'], 'edge', 'critical',"
                                    + " 'open', ")
                    .append(old)
                    .append(", ")
                    .append(old)
                    .append(", ")
                    .append(old)
                    .append(", 1, 1, 1, 'servicenow', 'network', 'team-legacy', 0) ");
        }
        clickHouse.query(
                database,
                "INSERT INTO incidents (incident_id, version, title, environment, services,"
                        + " primary_service, severity, status, impact_start_ms, detected_ms, updated_ms, alert_count,"
                        + " firing_count, notification_count, source, category, team, triage_confidence) VALUES "
                        + incidents);
        clickHouse.query(
                database,
                "INSERT INTO lifecycle_events (event_ms, received_ms, incident_id,"
                        + " alert_fingerprint, action, actor, team, tier, note, source) VALUES "
                        + steps);

        Path csv = TriageCommandsTest.fixture(dir);
        Path out = dir.resolve("model");
        int rc =
                TriageCommandsTest.quietly(
                        () ->
                                Main.run(
                                        new String[] {
                                            "train",
                                            "--data",
                                            csv.toString(),
                                            "--text-cols",
                                            "title,body",
                                            "--target",
                                            "category,team",
                                            "--from-clickhouse",
                                            "--clickhouse-url",
                                            url,
                                            "--out",
                                            out.toString(),
                                            "--candidates",
                                            "logistic",
                                            "--options",
                                            dir.resolve("opts.properties").toString()
                                        }));

        assertThat(rc).isZero();
        TriageModel model = TriageModel.load(out);
        assertThat(model.metadata().trainingRows()).isEqualTo(90 + 15);
        assertThat(model.target("team").classes())
                .contains("team-streaming")
                .doesNotContain("team-legacy");
        TriageInput lag =
                new TriageInput(
                        "kafka consumer lag",
                        "",
                        List.of(),
                        Map.of(),
                        "critical",
                        "correlation-job",
                        List.of("orders"),
                        "prod",
                        null,
                        null);
        assertThat(model.suggest(lag).team().orElseThrow().label()).isEqualTo("team-streaming");
        assertThat(
                        model.suggest(TriageInput.ofText("vpn router", "dns latency"))
                                .team()
                                .orElseThrow()
                                .label())
                .isEqualTo("team-network");
    }
}
