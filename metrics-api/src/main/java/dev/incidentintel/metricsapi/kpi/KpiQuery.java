package dev.incidentintel.metricsapi.kpi;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything a KPI query depends on, resolved and validated: the window, the grouping, the filters,
 * the time zone for calendar buckets and "now" (for ages and SLO deadlines still running).
 */
public record KpiQuery(
        ReportingWindow window, GroupBy groupBy, KpiFilter filter, ZoneId tz, Instant now) {
    public KpiQuery {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(tz, "tz");
        Objects.requireNonNull(now, "now");
    }
}
