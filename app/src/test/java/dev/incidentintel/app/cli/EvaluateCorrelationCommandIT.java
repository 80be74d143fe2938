package dev.incidentintel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.benchmarks.scenario.Scenario;
import dev.incidentintel.benchmarks.scenario.ScenarioGenerator;
import dev.incidentintel.benchmarks.scenario.ScenarioSpec;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code evaluate correlation} on the tiny scenario against the shared real Kafka and ClickHouse,
 * then {@code --backtest} over the database it wrote. The figures are recomputed here from what the
 * job stored in ClickHouse and from the generated scenario.
 */
class EvaluateCorrelationCommandIT {

    @Test
    void scoresTheTinyScenarioFromWhatTheJobStoredAndBacktestsIt() throws Exception {
        LocalClickHouse clickHouse = SharedTestInfra.clickHouse();
        String kafka = SharedTestInfra.kafka().bootstrapServers();
        JsonNode r =
                run(
                        "--scenario",
                        "tiny",
                        "--seed",
                        "3",
                        "--json",
                        "--kafka-bootstrap-servers",
                        kafka,
                        "--clickhouse-url",
                        clickHouse.jdbcUrl("default"));

        String db = r.path("database").asText();
        Scenario scenario = ScenarioGenerator.generate(ScenarioSpec.named("tiny"), 3);
        long notifications = scalar(clickHouse, db, "SELECT count() FROM alerts FINAL");
        long incidents =
                scalar(
                        clickHouse,
                        db,
                        "SELECT count() FROM incidents_latest WHERE source = 'correlation-job'");
        assertThat(notifications).isEqualTo(scenario.alerts().size());
        assertThat(r.path("notifications").asLong()).isEqualTo(notifications);
        assertThat(r.path("incidents").asLong()).isEqualTo(incidents).isPositive();
        assertThat(r.path("noise_reduction").asDouble())
                .isCloseTo(1 - (double) incidents / notifications, within(1e-4));
        assertThat(r.path("occurrences").asInt()).isEqualTo(scenario.truth().size());
        assertThat(r.path("episodes").asInt()).isEqualTo(scenario.episodes().size());
        assertThat(r.path("unlinked_occurrences").asInt()).isZero();
        assertThat(r.path("bad_deploy_episodes").asInt()).isEqualTo(scenario.badDeploys().size());
        for (String f : new String[] {"pairwise_precision", "pairwise_recall", "pairwise_f1"}) {
            assertThat(r.path(f).isNumber()).as(f).isTrue();
            assertThat(r.path(f).asDouble()).as(f).isBetween(0.0, 1.0);
        }
        // Incident notifications: each stored incident opened once (one open notification each),
        // and
        // there are fewer notifications than incident updates and than alert notifications.
        assertThat(r.path("notifications_sent_by_kind").path("open").asLong()).isEqualTo(incidents);
        assertThat(r.path("notifications_sent").asLong())
                .isGreaterThanOrEqualTo(incidents)
                .isLessThanOrEqualTo(r.path("incident_updates").asLong())
                .isLessThan(notifications);
        assertThat(r.path("notifications_sent_per_alert_notification").asDouble())
                .isCloseTo(r.path("notifications_sent").asDouble() / notifications, within(1e-4));
        // Every stored link belongs to a stored incident.
        assertThat(
                        scalar(
                                clickHouse,
                                db,
                                "SELECT count() FROM incident_alerts FINAL WHERE incident_id NOT IN"
                                        + " (SELECT incident_id FROM incidents_latest)"))
                .isZero();

        JsonNode b =
                run(
                        "--backtest",
                        "--group-gap",
                        "PT1M",
                        "--json",
                        "--kafka-bootstrap-servers",
                        kafka,
                        "--clickhouse-url",
                        clickHouse.jdbcUrl(db));
        assertThat(b.path("notifications").asLong()).isEqualTo(notifications);
        assertThat(b.path("stored_incidents").asLong()).isEqualTo(incidents);
        long backtestIncidents =
                scalar(
                        clickHouse,
                        b.path("database").asText(),
                        "SELECT count() FROM incidents_latest WHERE source = 'correlation-job'");
        assertThat(b.path("incidents").asLong()).isEqualTo(backtestIncidents).isPositive();
        assertThat(b.path("noise_reduction").asDouble())
                .isCloseTo(1 - (double) backtestIncidents / notifications, within(1e-4));
    }

    private static JsonNode run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new EvaluateCorrelationCommand());
        cmd.setOut(new PrintWriter(out));
        int code = cmd.execute(args);
        assertThat(code).as("exit code, output: %s", out).isZero();
        String json =
                out.toString().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        return new ObjectMapper().readTree(json);
    }

    private static long scalar(LocalClickHouse clickHouse, String db, String sql) {
        return Long.parseLong(clickHouse.query(db, sql).trim());
    }
}
