package dev.incidentintel.metricsapi.kpi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of a table KPI endpoint: the resolved window, grouping, filters and time zone, where
 * the figures are defined, and named result tables (each a list of rows keyed by column name, in
 * the column order of the SQL file that produced it, so a Grafana panel shows the same table).
 */
public record KpiReport(
        String kpi,
        Instant from,
        Instant to,
        GroupBy groupBy,
        Map<String, String> filters,
        String tz,
        String definitions,
        Map<String, List<Map<String, Object>>> results) {
    public KpiReport {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(definitions, "definitions");
        filters =
                filters == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        results =
                results == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }
}
