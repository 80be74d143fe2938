package dev.incidentintel.metricsapi.report;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.kpi.Bucket;
import dev.incidentintel.metricsapi.kpi.GroupBy;
import dev.incidentintel.metricsapi.kpi.HeatmapKind;
import dev.incidentintel.metricsapi.kpi.KpiReport;
import dev.incidentintel.metricsapi.kpi.KpiRequest;
import dev.incidentintel.metricsapi.kpi.KpiService;
import dev.incidentintel.metricsapi.kpi.MttxGroup;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the monthly trend report from {@link KpiService} answers for the UTC calendar month and
 * the one before (docs/METRICS.md#monthly-trend-report).
 */
public final class ReportService {
    private static final int TOP = 10;
    private static final int CANDIDATES = 5;

    private final KpiService kpis;

    public ReportService(KpiService kpis) {
        this.kpis = Objects.requireNonNull(kpis, "kpis");
    }

    /**
     * Parses {@code YYYY-MM}.
     *
     * @throws ApiException {@code invalid_parameter} naming {@code month}
     */
    public static YearMonth parseMonth(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid("month", "month is required, as YYYY-MM");
        }
        try {
            return YearMonth.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("month", "month must be YYYY-MM, got '" + raw + "'");
        }
    }

    public MonthlyReport monthly(YearMonth month) {
        KpiRequest req = request(month);
        MttxGroup mttx = only(kpis.mttx(req).groups());
        MttxGroup previous = only(kpis.mttx(request(month.minusMonths(1))).groups());

        Map<String, Long> byCategory = new LinkedHashMap<>();
        Map<String, Long> byPriority = new LinkedHashMap<>();
        for (Map<String, Object> row : kpis.volume(req, Bucket.MONTH).results().get("buckets")) {
            long n = num(row, "incidents").longValue();
            byCategory.merge(label(row.get("category")), n, Long::sum);
            byPriority.merge(label(row.get("priority")), n, Long::sum);
        }

        long[] byHour = new long[24];
        long[] byWeekday = new long[7];
        for (Map<String, Object> cell :
                kpis.heatmap(req, HeatmapKind.WEEKDAY_HOUR).results().get("cells")) {
            long n = num(cell, "incidents").longValue();
            byHour[num(cell, "hour").intValue()] += n;
            byWeekday[num(cell, "weekday").intValue() - 1] += n;
        }

        KpiReport recurrence = kpis.recurrence(req, TOP);
        List<Map<String, Object>> recurring = recurrence.results().get("signatures");
        List<Map<String, Object>> slo = kpis.slo(req, TOP).results().get("priorities");
        List<Map<String, Object>> noise = kpis.noise(req, TOP).results().get("services");

        return new MonthlyReport(
                month,
                sorted(byCategory),
                new java.util.TreeMap<>(byPriority),
                byHour,
                byWeekday,
                recurring,
                mttx,
                previous,
                slo,
                noise,
                candidates(
                        kpis.heatmap(req, HeatmapKind.SERVICE_WEEK).results().get("cells"),
                        recurring));
    }

    /** Services by total resolve time (resolved count x mean MTTR per week cell, summed). */
    static List<MonthlyReport.Candidate> candidates(
            List<Map<String, Object>> serviceWeeks, List<Map<String, Object>> recurring) {
        Map<String, long[]> incidents = new HashMap<>();
        Map<String, Double> seconds = new HashMap<>();
        for (Map<String, Object> cell : serviceWeeks) {
            String service = String.valueOf(cell.get("service"));
            incidents.computeIfAbsent(service, k -> new long[1])[0] +=
                    num(cell, "incidents").longValue();
            Object mttr = cell.get("mttr_mean_s");
            if (mttr != null) {
                seconds.merge(
                        service,
                        ((Number) mttr).doubleValue() * num(cell, "resolved").doubleValue(),
                        Double::sum);
            }
        }
        Map<String, Long> recurrences = new HashMap<>();
        for (Map<String, Object> sig : recurring) {
            recurrences.merge(
                    String.valueOf(sig.get("last_service")),
                    num(sig, "recurrences").longValue(),
                    Long::sum);
        }
        List<MonthlyReport.Candidate> out = new ArrayList<>();
        incidents.forEach(
                (service, n) ->
                        out.add(
                                new MonthlyReport.Candidate(
                                        service,
                                        n[0],
                                        seconds.getOrDefault(service, 0.0) / 3600.0,
                                        recurrences.getOrDefault(service, 0L))));
        out.sort(
                Comparator.comparingDouble(MonthlyReport.Candidate::resolveHours)
                        .reversed()
                        .thenComparing(MonthlyReport.Candidate::service));
        return out.subList(0, Math.min(CANDIDATES, out.size()));
    }

    private static KpiRequest request(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return KpiRequest.of(from, to, GroupBy.NONE);
    }

    private static MttxGroup only(List<MttxGroup> groups) {
        return groups.isEmpty() ? MttxGroup.empty(GroupBy.ALL_KEY) : groups.get(0);
    }

    static Number num(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v instanceof Number n ? n : 0;
    }

    private static String label(Object value) {
        String s = value == null ? "" : value.toString();
        return s.isEmpty() ? "(none)" : s;
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(
                        Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
