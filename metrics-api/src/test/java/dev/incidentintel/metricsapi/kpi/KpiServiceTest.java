package dev.incidentintel.metricsapi.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service assembly rules, against an in-memory repository (the SQL is covered by MetricsApiIT). */
class KpiServiceTest {
    private static final Instant NOW = Instant.parse("2024-06-15T12:00:00.123456Z");

    /** Records the calls and answers with fixed groups. */
    private static final class FixedRepository implements KpiRepository {
        final List<ReportingWindow> windows = new ArrayList<>();
        final List<MttxGroup> answer;

        FixedRepository(List<MttxGroup> answer) {
            this.answer = answer;
        }

        @Override
        public List<MttxGroup> mttx(KpiQuery query) {
            windows.add(query.window());
            return answer;
        }

        @Override
        public List<java.util.Map<String, Object>> table(
                TableKpi kpi, KpiQuery query, java.util.Map<String, Object> extra) {
            windows.add(query.window());
            return List.of();
        }
    }

    @Test
    void ungroupedReportWithoutIncidentsStillHasItsOneGroup() {
        KpiService service =
                new KpiService(new FixedRepository(List.of()), Clock.fixed(NOW, ZoneOffset.UTC));

        MttxReport report = service.mttx(null, null, GroupBy.NONE);

        assertThat(report.groups()).containsExactly(MttxGroup.empty("all"));
        assertThat(report.groups().get(0).mttr().meanSeconds()).isNull();
        assertThat(report.definitions()).isEqualTo("docs/METRICS.md");
    }

    @Test
    void groupedReportWithoutIncidentsHasNoGroups() {
        KpiService service =
                new KpiService(new FixedRepository(List.of()), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(service.mttx(null, null, GroupBy.SERVICE).groups()).isEmpty();
    }

    @Test
    void defaultWindowEndsAtNowTruncatedToStoredMillisecondPrecision() {
        FixedRepository repo = new FixedRepository(List.of());
        KpiService service = new KpiService(repo, Clock.fixed(NOW, ZoneOffset.UTC));

        MttxReport report = service.mttx(null, null, GroupBy.NONE);

        assertThat(report.to()).isEqualTo(Instant.parse("2024-06-15T12:00:00.123Z"));
        assertThat(report.from()).isEqualTo(Instant.parse("2024-05-16T12:00:00.123Z"));
        assertThat(repo.windows).containsExactly(new ReportingWindow(report.from(), report.to()));
    }

    @Test
    void invalidWindowNeverReachesTheStore() {
        FixedRepository repo = new FixedRepository(List.of());
        KpiService service = new KpiService(repo, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> service.mttx(NOW, NOW.minusSeconds(1), GroupBy.NONE))
                .isInstanceOf(ApiException.class);
        assertThat(repo.windows).isEmpty();
    }
}
