package dev.incidentintel.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import dev.incidentintel.metricsapi.testing.KpiFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * Runs every panel query of every dashboard, macros and variables expanded, on a real ClickHouse
 * 18.16 seeded with the metrics-api KPI fixture, and checks the columns and rows it returns.
 * Expected columns and row counts are written here by hand from the fixture.
 */
class DashboardQueriesIT {
    private static String url;

    /**
     * Panel key (uid/panel id) to its expected columns and row count over the whole fixture week.
     */
    private static final Map<String, Expected> EXPECTED =
            Map.ofEntries(
                    e(
                            "ii-kpi-overview/2",
                            1,
                            "incidents",
                            "open_incidents",
                            "mttd_min",
                            "mtta_min",
                            "mttr_min",
                            "mttr_from_impact_min"),
                    e(
                            "ii-kpi-overview/3",
                            5,
                            "time",
                            "mttr_min",
                            "incidents"), // K2 and K3 share 5 March
                    e(
                            "ii-kpi-overview/4",
                            3,
                            "priority",
                            "incidents",
                            "ack_measured_n",
                            "ack_met_n",
                            "ack_achievement",
                            "resolve_measured_n",
                            "resolve_met_n",
                            "resolve_achievement"),
                    e("ii-heatmaps/2", 6, "weekday", "hour", "incidents", "mttr_min"),
                    e("ii-heatmaps/3", 3, "service", "week", "incidents", "mttr_min"),
                    e("ii-recurrence/2", 1, "incidents", "recurrences", "recurrence_rate"),
                    e(
                            "ii-recurrence/3",
                            2,
                            "signature",
                            "incidents",
                            "recurrences",
                            "last_title",
                            "last_service"),
                    e(
                            "ii-noise/2",
                            3,
                            "service",
                            "notifications",
                            "alerts",
                            "incidents",
                            "reduction"),
                    e("ii-noise/3", 3, "rule", "service", "notifications", "alerts"),
                    e(
                            "ii-triage-quality/2",
                            1,
                            "incidents",
                            "with_category",
                            "with_team",
                            "with_priority",
                            "mean_confidence",
                            "escalation_rate",
                            "first_contact_resolution"),
                    e("ii-triage-quality/3", 4, "category", "team", "incidents"),
                    e(
                            "ii-dora/2",
                            3,
                            "service",
                            "deploys",
                            "failed_changes",
                            "change_failure_rate"),
                    e("ii-dora/3", 4, "time", "succeeded", "failed"));

    private record Expected(int rows, List<String> columns) {}

    private static Map.Entry<String, Expected> e(String key, int rows, String... columns) {
        return Map.entry(key, new Expected(rows, List.of(columns)));
    }

    @BeforeAll
    static void seed() throws Exception {
        url = SharedTestInfra.clickHouse().jdbcUrl(SharedTestInfra.uniqueName("dashboards"));
        SchemaMigrator.fromClasspath(ClickHouseConnections.of(ClickHouseUrl.parse(url))).migrate();
        try (Connection c = new ClickHouseDriver().connect(url, new Properties())) {
            KpiFixture.seed(c);
        }
    }

    private record Result(List<String> columns, int rows) {}

    private static Result run(String sql) throws Exception {
        try (Connection c = new ClickHouseDriver().connect(url, new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            return new Result(columns, rows);
        }
    }

    @Test
    void everyPanelQueryRunsAndReturnsItsColumnsAndRows() throws Exception {
        List<Dashboards.PanelQuery> queries = Dashboards.queries();
        assertThat(queries.stream().map(Dashboards.PanelQuery::key).toList())
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        for (Dashboards.PanelQuery q : queries) {
            String sql =
                    Dashboards.expand(
                            q.sql(),
                            KpiFixture.FROM,
                            KpiFixture.TO.minusSeconds(1),
                            Map.of("service", "", "team", "", "environment", ""));
            Result r = run(sql);
            Expected expected = EXPECTED.get(q.key());
            assertThat(r.columns()).as(q.key() + " " + q.title()).isEqualTo(expected.columns());
            assertThat(r.rows()).as(q.key() + " " + q.title()).isEqualTo(expected.rows());
        }
    }

    @Test
    void templateVariablesNarrowEveryPanel() throws Exception {
        for (Dashboards.PanelQuery q : Dashboards.queries()) {
            // A value that matches nothing: panels with GROUP BY return no rows, aggregate-only
            // panels
            // one row; none fails, and none keeps the unfiltered row count of a grouped panel.
            String sql =
                    Dashboards.expand(
                            q.sql(),
                            KpiFixture.FROM,
                            KpiFixture.TO.minusSeconds(1),
                            Map.of("service", "no-such-service", "team", "", "environment", ""));
            Result r = run(sql);
            if (EXPECTED.get(q.key()).rows() > 1) {
                assertThat(r.rows()).as(q.key()).isZero();
            }
        }
        // A real value narrows: the search service had K5 and K6 in two heat-map cells.
        Dashboards.PanelQuery heat =
                Dashboards.queries().stream()
                        .filter(q -> q.key().equals("ii-heatmaps/2"))
                        .findFirst()
                        .get();
        String sql =
                Dashboards.expand(
                        heat.sql(),
                        KpiFixture.FROM,
                        KpiFixture.TO.minusSeconds(1),
                        Map.of("service", "search", "team", "", "environment", ""));
        assertThat(run(sql).rows()).isEqualTo(2);
    }
}
