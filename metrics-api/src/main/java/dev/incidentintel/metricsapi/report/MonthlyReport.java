package dev.incidentintel.metricsapi.report;

import dev.incidentintel.metricsapi.kpi.MttxGroup;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The figures of one monthly trend report (docs/METRICS.md#monthly-trend-report), assembled from
 * the KPI endpoints' answers; rendering lives in {@link ReportRenderer}.
 *
 * @param volumeByCategory incidents per category ({@code ""} shown as "(none)"), most first
 * @param byHour incidents per hour of detection 0..23 (UTC)
 * @param byWeekday incidents per ISO weekday 1..7 (index 0 = Monday)
 * @param recurring top recurring signatures (rows of kpi_recurrence_signatures)
 * @param slo SLO rows per priority (rows of kpi_slo)
 * @param noise noise rows per service (the services of KpiService#noise)
 * @param candidates top improvement candidates, most time spent first
 */
public record MonthlyReport(
        YearMonth month,
        Map<String, Long> volumeByCategory,
        Map<String, Long> volumeByPriority,
        long[] byHour,
        long[] byWeekday,
        List<Map<String, Object>> recurring,
        MttxGroup mttx,
        MttxGroup previousMttx,
        List<Map<String, Object>> slo,
        List<Map<String, Object>> noise,
        List<Candidate> candidates) {

    /**
     * A service worth improving first.
     *
     * @param resolveHours total detected-to-resolved time of its resolved incidents
     * @param recurrences incidents of its recurring signatures that were recurrences
     */
    public record Candidate(
            String service, long incidents, double resolveHours, long recurrences) {}

    public MonthlyReport {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(mttx, "mttx");
        Objects.requireNonNull(previousMttx, "previousMttx");
        if (byHour.length != 24 || byWeekday.length != 7) {
            throw new IllegalArgumentException("byHour needs 24 and byWeekday 7 entries");
        }
    }

    /** Incidents in the month. */
    public long incidents() {
        return mttx.incidents();
    }
}
