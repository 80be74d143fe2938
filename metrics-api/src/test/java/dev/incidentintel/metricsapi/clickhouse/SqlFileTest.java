package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.kpi.GroupBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SqlFileTest {

    @Test
    void everyPackagedQueryHasAMetricHeaderLinkingTheDefinitions() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/sql"))) {
            names =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".sql"))
                            .toList();
        }
        assertThat(names).isNotEmpty();
        for (String file : names) {
            SqlFile sql = SqlFile.load(file.substring(0, file.length() - ".sql".length()));
            assertThat(sql.text()).as(file).startsWith("-- Metric:").contains("docs/METRICS.md");
        }
    }

    @Test
    void queriesWithoutHeaderAreRejected() {
        assertThatThrownBy(() -> SqlFile.of("bare", "SELECT 1")).hasMessageContaining("-- Metric:");
        assertThatThrownBy(() -> SqlFile.of("nolink", "-- Metric: x\nSELECT 1"))
                .hasMessageContaining("docs/METRICS.md");
    }

    @Test
    void renderDropsCommentLinesAndFillsPlaceholders() {
        SqlFile sql =
                SqlFile.of(
                        "t",
                        "-- Metric: t (docs/METRICS.md) with a ? and a ' in it\n"
                                + "SELECT {{col}} AS k\n"
                                + "  -- inner comment with ?\n"
                                + "FROM x WHERE y = ?\n");

        assertThat(sql.render(Map.of("col", "environment")))
                .isEqualTo("SELECT environment AS k\nFROM x WHERE y = ?");
    }

    @Test
    void missingPlaceholderValueFails() {
        SqlFile sql = SqlFile.of("t", "-- Metric: t docs/METRICS.md\nSELECT {{col}}\n");

        assertThatThrownBy(sql::sql).hasMessageContaining("{{col}}");
    }

    @Test
    void kpiSqlRendersForEveryWhitelistedGrouping() {
        SqlFile mttx = SqlFile.load("kpi_mttx");
        for (GroupBy g : GroupBy.values()) {
            String column = ClickHouseKpiRepository.GROUP_COLUMNS.get(g);
            assertThat(column).as(g.name()).isNotNull();
            String rendered =
                    mttx.render(
                            Map.of(
                                    "group_column",
                                    column,
                                    "incident_filters",
                                    "",
                                    "current_incidents",
                                    IncidentSnapshots.source(java.util.Optional.empty(), "1")));
            assertThat(rendered)
                    .contains(column + " AS group_key")
                    .doesNotContain("{{")
                    .doesNotContain("--");
            assertThat(rendered.chars().filter(c -> c == '?').count()).isZero();
        }
    }

    @Test
    void namedParametersBecomePositionalInTextOrderOutsideStringLiterals() {
        SqlFile sql =
                SqlFile.of(
                        "t",
                        "-- Metric: test (docs/METRICS.md)\n"
                                + "SELECT ':not_a_param', x FROM t WHERE a = :a AND (:b = '' OR b = :b)"
                                + " AND c = 'it''s :a' AND d = :a_2\n");

        SqlFile.Bound bound = sql.bind(Map.of(), Map.of("a", 1L, "b", "x", "a_2", "y"));

        assertThat(bound.sql())
                .isEqualTo(
                        "SELECT ':not_a_param', x FROM t WHERE a = ? AND (? = '' OR b = ?)"
                                + " AND c = 'it''s :a' AND d = ?");
        assertThat(bound.values()).containsExactly(1L, "x", "x", "y");
    }

    @Test
    void missingNamedParameterFailsNamingIt() {
        SqlFile sql = SqlFile.of("t", "-- Metric: test (docs/METRICS.md)\nSELECT :missing\n");

        assertThatThrownBy(() -> sql.bind(Map.of(), Map.of())).hasMessageContaining(":missing");
    }

    @Test
    void everyKpiFileBindsWithTheAdapterParameters() {
        for (dev.incidentintel.metricsapi.kpi.TableKpi kpi :
                dev.incidentintel.metricsapi.kpi.TableKpi.values()) {
            SqlFile file = SqlFile.load(kpi.file());
            // Whatever the adapter binds for every file (so a parameter added there is covered
            // here),
            // then every filter set and the per-endpoint extras.
            dev.incidentintel.metricsapi.kpi.KpiQuery query =
                    new dev.incidentintel.metricsapi.kpi.KpiQuery(
                            new dev.incidentintel.metricsapi.kpi.ReportingWindow(
                                    java.time.Instant.parse("2026-01-01T00:00:00Z"),
                                    java.time.Instant.parse("2026-01-31T00:00:00Z")),
                            dev.incidentintel.metricsapi.kpi.GroupBy.TEAM,
                            dev.incidentintel.metricsapi.kpi.KpiFilter.none(),
                            java.time.ZoneOffset.UTC,
                            java.time.Instant.parse("2026-02-01T00:00:00Z"));
            Map<String, Object> params =
                    new java.util.HashMap<>(ClickHouseKpiRepository.commonParams(query));
            for (String name :
                    List.of(
                            "service",
                            "team",
                            "environment",
                            "priority",
                            "category",
                            "limit",
                            "priorities",
                            "ack_targets_s",
                            "resolve_targets_s")) {
                params.put(name, name);
            }
            java.util.Optional<IncidentSnapshots.Snapshot> taken =
                    java.util.Optional.of(
                            new IncidentSnapshots.Snapshot(1_767_225_600_123L, 1_767_225_600L));
            for (IncidentSnapshots.Reading snapshot :
                    List.of(
                            IncidentSnapshots.Reading.none(),
                            new IncidentSnapshots.Reading(taken, true),
                            new IncidentSnapshots.Reading(taken, false))) {
                Map<String, String> placeholders =
                        new java.util.HashMap<>(
                                ClickHouseKpiRepository.placeholders(query, Map.of(), snapshot));
                placeholders.put("incident_filters", FilterSql.and(FilterSql.INCIDENT, params));
                placeholders.put("service_filters", FilterSql.and(FilterSql.SERVICE, params));
                // Noise: a rollup to 2026-01-15 with 2026-01-01T12:00 written to since.
                placeholders.putAll(
                        NoiseRollup.placeholders(
                                new NoiseRollup.Reading(
                                        snapshot,
                                        1_768_435_200_000L,
                                        List.of(1_767_268_800_000L),
                                        List.of()),
                                query.window().from().toEpochMilli(),
                                query.window().to().toEpochMilli()));
                SqlFile.Bound bound = file.bind(placeholders, params);
                assertThat(bound.sql()).as(kpi.name()).doesNotContain(":").doesNotContain("{{");
                assertThat(bound.values()).as(kpi.name()).isNotEmpty();
                if (file.text().contains("{{current_incidents")) {
                    assertThat(bound.sql())
                            .as(kpi.name())
                            .contains(
                                    snapshot.snapshot().isEmpty()
                                            ? "FINAL"
                                            : "incident_snapshots WHERE snapshot = 1767225600123");
                    // The change list is read only when something was written since the margin.
                    assertThat(bound.sql().contains("incident_writes"))
                            .as(kpi.name())
                            .isEqualTo(snapshot.snapshot().isPresent() && snapshot.changedSince());
                }
            }
        }
    }
}
