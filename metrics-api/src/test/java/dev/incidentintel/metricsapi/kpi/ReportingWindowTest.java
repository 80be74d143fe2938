package dev.incidentintel.metricsapi.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportingWindowTest {
    private static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");

    @Test
    void defaultsToTheThirtyDaysBeforeNow() {
        ReportingWindow w = ReportingWindow.resolve(null, null, NOW);

        assertThat(w.to()).isEqualTo(NOW);
        assertThat(w.from()).isEqualTo(Instant.parse("2024-05-16T12:00:00Z"));
    }

    @Test
    void missingFromIsThirtyDaysBeforeTheGivenTo() {
        ReportingWindow w =
                ReportingWindow.resolve(null, Instant.parse("2024-03-31T00:00:00Z"), NOW);

        assertThat(w.from()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    }

    @Test
    void missingToIsNow() {
        ReportingWindow w =
                ReportingWindow.resolve(Instant.parse("2024-06-01T00:00:00Z"), null, NOW);

        assertThat(w.to()).isEqualTo(NOW);
    }

    @Test
    void fromMustBeBeforeTo() {
        Instant t = Instant.parse("2024-06-01T00:00:00Z");

        assertInvalid(() -> new ReportingWindow(t, t), "from");
        assertInvalid(() -> new ReportingWindow(t.plusSeconds(1), t), "from");
    }

    @Test
    void windowIsAtMostFourHundredDays() {
        Instant to = Instant.parse("2024-06-01T00:00:00Z");
        // 400 days back: 366 to 2023-06-01 (2024 is a leap year), then 31 + 3 more to 2023-04-28.
        Instant exactly400 = to.minusSeconds(400L * 86_400);

        assertThat(new ReportingWindow(exactly400, to).from())
                .isEqualTo(Instant.parse("2023-04-28T00:00:00Z"));
        assertInvalid(() -> new ReportingWindow(exactly400.minusMillis(1), to), "from");
    }

    @Test
    void missingBoundsNameTheirField() {
        assertInvalid(() -> new ReportingWindow(null, NOW), "from");
        assertInvalid(() -> new ReportingWindow(NOW, null), "to");
    }

    private static void assertInvalid(Runnable r, String field) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                            assertThat(e.field()).isEqualTo(field);
                        });
    }
}
