package dev.incidentintel.metricsapi.clickhouse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SQL conditions of the filters a request sets (docs/METRICS.md#filters), for the {@code
 * {{incident_filters}}} and {@code {{service_filters}}} placeholders of the KPI files and the
 * feed's {@code {{list_filters}}} and the notifications' {@code {{notification_filters}}}: {@code
 * AND cond AND cond ...} for every non-empty filter, nothing when none is set. Values stay bound
 * parameters ({@code :service}); only these fixed texts are substituted.
 *
 * <p>Why not {@code (:service = '' OR has(services, :service))} in the files: ClickHouse 18.16 does
 * not fold the constant test, so an unset filter still read its column and evaluated the condition
 * on every row (through {@code FINAL}): 20-50 ms of CPU per KPI query over a 30-day window of 333 k
 * incidents (docs/BENCHMARKS.md, issue 6).
 */
final class FilterSql {
    /** Conditions on {@code incidents_current} columns, by filter name. */
    static final Map<String, String> INCIDENT = incident();

    /** Conditions on tables that carry only service and environment (alerts, links, deploys). */
    static final Map<String, String> SERVICE = service();

    /**
     * The incident feed's conditions ({@code {{list_filters}}} of {@code incidents_list.sql}): the
     * incident filters, the status, and the full-text {@code q} (title, services, team or category
     * as a case-insensitive substring, or the incident id exactly).
     */
    static final Map<String, String> FEED = feed();

    /** Conditions on the {@code notifications} table ({@code {{notification_filters}}}). */
    static final Map<String, String> NOTIFICATIONS = notifications();

    private FilterSql() {}

    private static Map<String, String> incident() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("service", "has(services, :service)");
        m.put("team", "team = :team");
        m.put("environment", "environment = :environment");
        m.put("priority", "priority = :priority");
        m.put("category", "category = :category");
        return m;
    }

    private static Map<String, String> feed() {
        Map<String, String> m = new LinkedHashMap<>(INCIDENT);
        m.put("status", "toString(status) = :status");
        m.put(
                "q",
                "(incident_id = :q"
                        + " OR positionCaseInsensitiveUTF8(title, :q) > 0"
                        + " OR arrayExists(s -> positionCaseInsensitiveUTF8(s, :q) > 0, services)"
                        + " OR positionCaseInsensitiveUTF8(team, :q) > 0"
                        + " OR positionCaseInsensitiveUTF8(category, :q) > 0)");
        return m;
    }

    private static Map<String, String> notifications() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("incident", "incident_id = :incident");
        m.put("channel", "channel = :channel");
        m.put("outcome", "outcome = :outcome");
        return m;
    }

    private static Map<String, String> service() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("service", "service = :service");
        m.put("environment", "environment = :environment");
        return m;
    }

    /**
     * {@code AND}-prefixed conditions for the filters in {@code values} that are set (non-empty);
     * {@code ""} when none is.
     *
     * @param conditions one of {@link #INCIDENT}, {@link #SERVICE} (or another fixed map)
     * @param values filter values by name; missing or empty means "any"
     */
    static String and(Map<String, String> conditions, Map<String, ?> values) {
        StringBuilder sql = new StringBuilder();
        conditions.forEach(
                (name, condition) -> {
                    Object value = values.get(name);
                    if (value != null && !value.toString().isEmpty()) {
                        sql.append(sql.length() == 0 ? "AND " : " AND ").append(condition);
                    }
                });
        return sql.toString();
    }

    /**
     * {@link #and(Map, Map)}, then {@code condition} too when {@code also} holds (a fixed text such
     * as a page's cursor condition, its values bound like the rest).
     */
    static String and(
            Map<String, String> conditions, Map<String, ?> values, boolean also, String condition) {
        String set = and(conditions, values);
        if (!also) {
            return set;
        }
        return (set.isEmpty() ? "AND " : set + " AND ") + condition;
    }
}
