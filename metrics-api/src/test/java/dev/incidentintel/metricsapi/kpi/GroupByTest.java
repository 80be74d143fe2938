package dev.incidentintel.metricsapi.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.ApiException;
import org.junit.jupiter.api.Test;

class GroupByTest {

    @Test
    void parsesTheDocumentedValuesInAnyCase() {
        assertThat(GroupBy.parse("service")).isEqualTo(GroupBy.SERVICE);
        assertThat(GroupBy.parse("Environment")).isEqualTo(GroupBy.ENVIRONMENT);
        assertThat(GroupBy.parse(" SEVERITY ")).isEqualTo(GroupBy.SEVERITY);
        assertThat(GroupBy.parse("none")).isEqualTo(GroupBy.NONE);
        assertThat(GroupBy.parse("team")).isEqualTo(GroupBy.TEAM);
        assertThat(GroupBy.parse("priority")).isEqualTo(GroupBy.PRIORITY);
        assertThat(GroupBy.parse("category")).isEqualTo(GroupBy.CATEGORY);
    }

    @Test
    void absentMeansNone() {
        assertThat(GroupBy.parse(null)).isEqualTo(GroupBy.NONE);
        assertThat(GroupBy.parse("")).isEqualTo(GroupBy.NONE);
    }

    @Test
    void unknownValuesAndColumnNamesAreRejectedNamingGroupBy() {
        for (String bad :
                new String[] {
                    "colour", "primary_service", "service; DROP TABLE incidents", "title"
                }) {
            assertThatThrownBy(() -> GroupBy.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.field()).isEqualTo("groupBy"));
        }
    }

    @Test
    void jsonNameIsLowerCase() {
        assertThat(GroupBy.SEVERITY.json()).isEqualTo("severity");
    }
}
