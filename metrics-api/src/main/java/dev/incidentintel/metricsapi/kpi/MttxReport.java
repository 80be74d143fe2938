package dev.incidentintel.metricsapi.kpi;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/kpi/mttx}: the window, the grouping, where the figures are
 * defined and one {@link MttxGroup} per group, ordered by key.
 */
public record MttxReport(
        Instant from,
        Instant to,
        GroupBy groupBy,
        java.util.Map<String, String> filters,
        String definitions,
        List<MttxGroup> groups) {
    public MttxReport {
        groups = groups == null ? List.of() : List.copyOf(groups);
        filters =
                filters == null
                        ? java.util.Map.of()
                        : java.util.Collections.unmodifiableMap(
                                new java.util.LinkedHashMap<>(filters));
    }
}
