package dev.incidentintel.metricsapi.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    /** Answers each table query once both queries of a report are in flight, or fails. */
    private static final class MeetingRepository implements KpiRepository {
        final CyclicBarrier bothInFlight = new CyclicBarrier(2);
        final List<String> threads = new ArrayList<>();
        final TableKpi failing;

        MeetingRepository(TableKpi failing) {
            this.failing = failing;
        }

        @Override
        public List<MttxGroup> mttx(KpiQuery query) {
            return List.of();
        }

        @Override
        public List<Map<String, Object>> table(
                TableKpi kpi, KpiQuery query, Map<String, Object> extra) {
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
            try {
                bothInFlight.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the other query of the report never started", e);
            }
            if (kpi == failing) {
                throw ApiException.storageUnavailable("ClickHouse is down", null);
            }
            return List.of(Map.of("kpi", kpi.name()));
        }
    }

    @Test
    void reportQueriesRunAtTheSameTimeAndKeepTheirKeys() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            MeetingRepository repo = new MeetingRepository(null);
            KpiService service =
                    new KpiService(
                            repo, Clock.fixed(NOW, ZoneOffset.UTC), SloTargets.defaults(), pool);
            KpiRequest request = KpiRequest.of(null, null, GroupBy.NONE);

            KpiReport slo = service.slo(request, 5);
            KpiReport dora = service.dora(request);
            KpiReport recurrence = service.recurrence(request, 5);

            assertThat(slo.results().get("priorities"))
                    .containsExactly(Map.of("kpi", "SLO_PRIORITIES"));
            assertThat(slo.results().get("breaches"))
                    .containsExactly(Map.of("kpi", "SLO_BREACHES"));
            assertThat(dora.results().get("recovery"))
                    .containsExactly(Map.of("kpi", "DORA_RECOVERY"));
            assertThat(recurrence.results().get("signatures"))
                    .containsExactly(Map.of("kpi", "RECURRENCE_SIGNATURES"));
            // The caller ran one query of each report, the pool the other.
            assertThat(repo.threads).hasSize(6);
            assertThat(repo.threads.stream().filter(t -> t.startsWith("pool-")).count())
                    .isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingQueryOnThePoolSurfacesAsTheStoreThrewIt() {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            KpiService service =
                    new KpiService(
                            new MeetingRepository(TableKpi.SLO_BREACHES),
                            Clock.fixed(NOW, ZoneOffset.UTC),
                            SloTargets.defaults(),
                            pool);

            assertThatThrownBy(() -> service.slo(KpiRequest.of(null, null, GroupBy.NONE), 5))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("ClickHouse is down");
        } finally {
            pool.shutdownNow();
        }
    }
}
