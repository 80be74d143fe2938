package dev.incidentintel.metricsapi.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.ApiException;
import org.junit.jupiter.api.Test;

class IncidentFilterTest {

    @Test
    void limitMustBeWithinOneAndFiveHundred() {
        assertThat(new IncidentFilter(1, null, null, null).limit()).isEqualTo(1);
        assertThat(new IncidentFilter(500, null, null, null).limit()).isEqualTo(500);
        assertInvalid(0, "", "limit");
        assertInvalid(501, "", "limit");
        assertInvalid(-5, "", "limit");
    }

    @Test
    void absentFiltersBecomeEmptyMeaningAny() {
        IncidentFilter f = new IncidentFilter(10, null, "  ", null);

        assertThat(f.environment()).isEmpty();
        assertThat(f.service()).isEmpty();
        assertThat(f.status()).isEmpty();
    }

    @Test
    void statusIsNormalisedOrRejected() {
        assertThat(new IncidentFilter(10, null, null, "STALE").status()).isEqualTo("stale");
        assertInvalid(10, "closed", "status");
    }

    @Test
    void textFiltersAreKeptVerbatimButBounded() {
        // Quotes are legal filter text: they are bound as parameters, never spliced into SQL.
        assertThat(new IncidentFilter(10, null, "' OR 1=1 --", null).service())
                .isEqualTo("' OR 1=1 --");
        assertThatThrownBy(() -> new IncidentFilter(10, "e".repeat(257), null, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo("environment"));
    }

    private static void assertInvalid(int limit, String status, String field) {
        assertThatThrownBy(() -> new IncidentFilter(limit, null, null, status))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
