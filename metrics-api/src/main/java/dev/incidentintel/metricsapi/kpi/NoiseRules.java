package dev.incidentintel.metricsapi.kpi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits the rows of {@link TableKpi#NOISE} (one per service, its alert rules as parallel arrays)
 * into the two lists of the noise report (docs/METRICS.md#noise): the services, and the noisiest
 * rules, most notifications first. One query computes both so the alerts are scanned once.
 */
public final class NoiseRules {
    /** Columns of a service row that carry its rules, not shown in the services list. */
    static final Set<String> RULE_COLUMNS =
            Set.of(
                    "rule_names",
                    "rule_notifications",
                    "rule_alerts",
                    "linked_rule_names",
                    "linked_incidents");

    /** ClickHouse orders strings by their UTF-8 bytes; so does the rules list. */
    private static final Comparator<String> BYTES =
            (a, b) ->
                    Arrays.compareUnsigned(
                            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private NoiseRules() {}

    /** The service rows without their rule arrays, in query order. */
    public static List<Map<String, Object>> services(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> service = new LinkedHashMap<>(row);
            service.keySet().removeAll(RULE_COLUMNS);
            out.add(service);
        }
        return out;
    }

    /**
     * One row per (rule, service) with notifications or links in the window: {@code rule}, {@code
     * service}, {@code notifications}, {@code alerts}, {@code incidents}, {@code
     * notifications_per_incident} ({@code null} without incidents); most notifications first, then
     * rule and service; at most {@code limit}.
     */
    public static List<Map<String, Object>> noisiest(List<Map<String, Object>> rows, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String service = String.valueOf(row.get("service"));
            Map<String, long[]> byRule = new LinkedHashMap<>(); // notifications, alerts, incidents
            List<?> names = list(row, "rule_names");
            List<?> notifications = list(row, "rule_notifications");
            List<?> alerts = list(row, "rule_alerts");
            for (int k = 0; k < names.size(); k++) {
                long[] figures =
                        byRule.computeIfAbsent(String.valueOf(names.get(k)), r -> new long[3]);
                figures[0] += number(notifications.get(k));
                figures[1] += number(alerts.get(k));
            }
            List<?> linkedNames = list(row, "linked_rule_names");
            List<?> linked = list(row, "linked_incidents");
            for (int k = 0; k < linkedNames.size(); k++) {
                byRule.computeIfAbsent(String.valueOf(linkedNames.get(k)), r -> new long[3])[2] +=
                        number(linked.get(k));
            }
            byRule.forEach(
                    (rule, f) -> {
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("rule", rule);
                        out.put("service", service);
                        out.put("notifications", f[0]);
                        out.put("alerts", f[1]);
                        out.put("incidents", f[2]);
                        out.put(
                                "notifications_per_incident",
                                f[2] == 0 ? null : (double) f[0] / f[2]);
                        rules.add(out);
                    });
        }
        rules.sort(
                Comparator.<Map<String, Object>>comparingLong(r -> -(long) r.get("notifications"))
                        .thenComparing(r -> (String) r.get("rule"), BYTES)
                        .thenComparing(r -> (String) r.get("service"), BYTES));
        return new ArrayList<>(rules.subList(0, Math.min(limit, rules.size())));
    }

    private static List<?> list(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(
                    "noise row has no array " + column + ": " + row.keySet());
        }
        return l;
    }

    private static long number(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("expected a number, got " + value);
        }
        return n.longValue();
    }
}
