package dev.incidentintel.metricsapi.kpi;

import dev.incidentintel.metricsapi.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The incident filters every KPI accepts (docs/METRICS.md#filters). Empty means "any"; values match
 * exactly and are always bound as query parameters, so any text is safe.
 *
 * @param service a service the incident affects (any of its services), or {@code ""}
 * @param team owning team, or {@code ""}
 * @param environment environment, or {@code ""}
 * @param priority priority such as {@code P1}, or {@code ""}
 * @param category triage category, or {@code ""}
 */
public record KpiFilter(
        String service, String team, String environment, String priority, String category) {
    /** Longest accepted filter text; longer values cannot name anything real. */
    public static final int MAX_TEXT = 256;

    public KpiFilter {
        service = text(service, "service");
        team = text(team, "team");
        environment = text(environment, "environment");
        priority = text(priority, "priority");
        category = text(category, "category");
    }

    /** No conditions. */
    public static KpiFilter none() {
        return new KpiFilter("", "", "", "", "");
    }

    /** The filters by parameter name, in a fixed order (also the SQL parameter names). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("service", service);
        m.put("team", team);
        m.put("environment", environment);
        m.put("priority", priority);
        m.put("category", category);
        return m;
    }

    static String text(String value, String field) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.length() > MAX_TEXT) {
            throw ApiException.invalid(
                    field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return trimmed;
    }
}
