package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.metricsapi.kpi.KpiFilter;
import org.junit.jupiter.api.Test;

class FilterSqlTest {
    @Test
    void unsetFiltersAddNoCondition() {
        assertThat(FilterSql.and(FilterSql.INCIDENT, KpiFilter.none().asMap())).isEmpty();
        assertThat(FilterSql.and(FilterSql.SERVICE, KpiFilter.none().asMap())).isEmpty();
    }

    @Test
    void setFiltersBecomeBoundConditionsInFixedOrder() {
        KpiFilter filter = new KpiFilter("checkout", "", "prod", "", "database");

        assertThat(FilterSql.and(FilterSql.INCIDENT, filter.asMap()))
                .isEqualTo(
                        "AND has(services, :service) AND environment = :environment AND category = :category");
        assertThat(FilterSql.and(FilterSql.SERVICE, filter.asMap()))
                .isEqualTo("AND service = :service AND environment = :environment");
    }

    @Test
    void filterValuesNeverEnterTheText() {
        KpiFilter filter = new KpiFilter("x' OR 1 = 1 --", "t", "", "", "");

        assertThat(FilterSql.and(FilterSql.INCIDENT, filter.asMap()))
                .doesNotContain("OR 1 = 1")
                .isEqualTo("AND has(services, :service) AND team = :team");
    }
}
