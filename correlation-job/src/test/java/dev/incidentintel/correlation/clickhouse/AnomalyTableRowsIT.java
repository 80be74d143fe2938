package dev.incidentintel.correlation.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.anomaly.logs.TemplateStats;
import dev.incidentintel.correlation.anomaly.series.Anomaly;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The V005 tables accept what the binders write, on the real ClickHouse server. */
class AnomalyTableRowsIT {
    private static final Instant T = Instant.parse("2026-11-24T14:00:00Z");

    @Test
    void writesAnomaliesAndKeepsTheLatestTemplateRow() throws Exception {
        LocalClickHouse ch = SharedTestInfra.clickHouse();
        String db = SharedTestInfra.uniqueName("anomaly");
        ch.createDatabase(db);
        ClickHouseConnections conns = ClickHouseConnections.of(ClickHouseUrl.parse(ch.jdbcUrl(db)));
        SchemaMigrator.fromClasspath(conns).migrate();
        try (Connection c = conns.open()) {
            AnomalyRows anomalies = new AnomalyRows();
            try (PreparedStatement ps = c.prepareStatement(anomalies.insertSql())) {
                anomalies.addRows(
                        new Anomaly(
                                "log_rate/prod/api/t1",
                                "log_rate",
                                "prod",
                                "api",
                                "t1",
                                T,
                                T,
                                42,
                                0.93,
                                true),
                        ps);
                anomalies.addRows(
                        new Anomaly(
                                "log_rate/prod/api/t1",
                                "log_rate",
                                "prod",
                                "api",
                                "t1",
                                T,
                                T.plusSeconds(600),
                                3,
                                0.1,
                                false),
                        ps);
                ps.executeBatch();
            }
            LogTemplateRows templates = new LogTemplateRows();
            try (PreparedStatement ps = c.prepareStatement(templates.insertSql())) {
                templates.addRows(new TemplateStats("prod", "api", "t1", "GET <*>", T, T, 1), ps);
                templates.addRows(
                        new TemplateStats("prod", "api", "t1", "<*> <*>", T, T.plusSeconds(60), 5),
                        ps);
                ps.executeBatch();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT status, started_ms, event_ms, value, score, toString(event_date)"
                                            + " FROM anomalies ORDER BY event_ms")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("firing");
                assertThat(rs.getLong(2)).isEqualTo(T.toEpochMilli());
                assertThat(rs.getDouble(4)).isEqualTo(42.0);
                assertThat(rs.getString(6)).isEqualTo("2026-11-24");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("resolved");
                assertThat(rs.getLong(3)).isEqualTo(T.plusSeconds(600).toEpochMilli());
                assertThat(rs.next()).isFalse();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT template, line_count, last_seen_ms FROM log_templates FINAL")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("<*> <*>");
                assertThat(rs.getLong(2)).isEqualTo(5);
                assertThat(rs.getLong(3)).isEqualTo(T.plusSeconds(60).toEpochMilli());
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
