package dev.incidentintel.metricsapi.kpi;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A KPI request as the client gave it: window bounds may be absent (defaults apply, see {@link
 * ReportingWindow#resolve}); grouping, filters and time zone are already parsed.
 */
public record KpiRequest(Instant from, Instant to, GroupBy groupBy, KpiFilter filter, ZoneId tz) {
    public KpiRequest {
        groupBy = groupBy == null ? GroupBy.NONE : groupBy;
        filter = filter == null ? KpiFilter.none() : filter;
        tz = tz == null ? ZoneOffset.UTC : tz;
        Objects.requireNonNull(groupBy);
    }

    /** No filters, UTC. */
    public static KpiRequest of(Instant from, Instant to, GroupBy groupBy) {
        return new KpiRequest(from, to, groupBy, KpiFilter.none(), ZoneOffset.UTC);
    }
}
