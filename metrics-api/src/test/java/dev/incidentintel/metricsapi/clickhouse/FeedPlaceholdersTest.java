package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the filters a feed request sets, and its cursor when it has one, reach the SQL. */
class FeedPlaceholdersTest {
    private static Map<String, Object> params(String... setPairs) {
        Map<String, Object> p = new HashMap<>();
        for (String name : FilterSql.FEED.keySet()) {
            p.put(name, "");
        }
        for (int i = 0; i < setPairs.length; i += 2) {
            p.put(setPairs[i], setPairs[i + 1]);
        }
        return p;
    }

    @Test
    void aFirstPageWithoutFiltersAddsNoCondition() {
        Map<String, String> ph = ClickHouseIncidentRepository.feedPlaceholders(params(), false);
        assertThat(ph.get("list_filters")).isEmpty();
        assertThat(ph.get("incidents"))
                .isEqualTo("incidents_current FINAL PREWHERE detected_ms >= :min_ms");
    }

    @Test
    void setFiltersAddTheirConditionsWithBoundValues() {
        Map<String, String> ph =
                ClickHouseIncidentRepository.feedPlaceholders(
                        params("team", "db", "q", "x' OR 1=1 --"), false);
        assertThat(ph.get("list_filters"))
                .startsWith("AND team = :team AND (incident_id = :q OR ")
                .doesNotContain("x'")
                .doesNotContain(":service")
                .doesNotContain(":environment");
    }

    @Test
    void aCursorNarrowsBothThePrewhereAndTheWhere() {
        Map<String, String> ph =
                ClickHouseIncidentRepository.feedPlaceholders(params("service", "api"), true);
        String after =
                "(detected_ms < :cursor_ms OR (detected_ms = :cursor_ms AND incident_id > :cursor_id))";
        assertThat(ph.get("incidents")).endsWith("PREWHERE detected_ms >= :min_ms AND " + after);
        assertThat(ph.get("list_filters")).isEqualTo("AND has(services, :service) AND " + after);
        assertThat(
                        ClickHouseIncidentRepository.feedPlaceholders(params(), true)
                                .get("list_filters"))
                .isEqualTo("AND " + after);
    }
}
