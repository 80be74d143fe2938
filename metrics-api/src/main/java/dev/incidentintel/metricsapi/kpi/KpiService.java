package dev.incidentintel.metricsapi.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** KPI reports, independent of HTTP: resolves the window, asks the store, assembles the answer. */
public final class KpiService {
  private final KpiRepository repository;
  private final Clock clock;

  public KpiService(KpiRepository repository, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * MTTR, MTTD and MTTA over incidents detected in {@code [from, to)}.
   *
   * @param from inclusive start, or {@code null} for 30 days before {@code to}
   * @param to exclusive end, or {@code null} for now
   */
  public MttxReport mttx(Instant from, Instant to, GroupBy groupBy) {
    ReportingWindow window =
        ReportingWindow.resolve(from, to, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    // Millisecond "now": stored times are epoch milliseconds, and clients compare echoed bounds.
    GroupBy grouping = Objects.requireNonNull(groupBy, "groupBy");
    List<MttxGroup> groups = repository.mttx(window, grouping);
    if (grouping == GroupBy.NONE && groups.isEmpty()) {
      // Ungrouped answers always have their one group, so "no incidents" is explicit (0, nulls).
      groups = List.of(MttxGroup.empty(GroupBy.ALL_KEY));
    }
    return new MttxReport(window.from(), window.to(), grouping, MetricDocs.DEFINITIONS, groups);
  }
}
