package dev.incidentintel.metricsapi.report;

import dev.incidentintel.metricsapi.kpi.DurationStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link MonthlyReport} as a self-contained HTML page (charts as inline SVG, no scripts
 * or external resources) and as Markdown. All text from the data is escaped.
 */
public final class ReportRenderer {
    private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private ReportRenderer() {}

    /** The HTML document. */
    public static String html(MonthlyReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Incident trends ")
                .append(r.month())
                .append("</title>")
                .append(
                        "<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;")
                .append(
                        "padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
                .append("svg{display:block;margin:.5em 0}</style></head><body>\n");
        h.append("<h1>Incident trends, ").append(r.month()).append(" (UTC)</h1>\n");
        h.append("<p>")
                .append(r.incidents())
                .append(" incidents. Definitions: docs/METRICS.md#monthly-trend-report.</p>\n");

        h.append("<h2>Volume by category</h2>\n").append(bars(r.volumeByCategory()));
        h.append("<h2>Volume by priority</h2>\n").append(bars(r.volumeByPriority()));
        h.append("<h2>Distribution by hour of day</h2>\n").append(bars(hours(r.byHour())));
        h.append("<h2>Distribution by weekday</h2>\n").append(bars(weekdays(r.byWeekday())));

        h.append("<h2>MTTx against the previous month</h2>\n");
        h.append(htmlTable(mttxHeader(), mttxRows(r)));
        h.append("<h2>SLO achievement</h2>\n").append(htmlTable(sloHeader(), sloRows(r)));
        h.append("<h2>Noise reduction</h2>\n").append(htmlTable(noiseHeader(), noiseRows(r)));
        h.append("<h2>Recurring systems</h2>\n")
                .append(htmlTable(recurringHeader(), recurringRows(r)));
        h.append("<h2>Top improvement candidates</h2>\n")
                .append(htmlTable(candidateHeader(), candidateRows(r)));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The Markdown document. */
    public static String markdown(MonthlyReport r) {
        StringBuilder m = new StringBuilder();
        m.append("# Incident trends, ").append(r.month()).append(" (UTC)\n\n");
        m.append(r.incidents())
                .append(" incidents. Definitions: docs/METRICS.md#monthly-trend-report.\n\n");
        m.append("## Volume by category\n\n")
                .append(mdTable(List.of("category", "incidents"), pairs(r.volumeByCategory())));
        m.append("## Volume by priority\n\n")
                .append(mdTable(List.of("priority", "incidents"), pairs(r.volumeByPriority())));
        m.append("## Distribution by hour of day\n\n")
                .append(mdTable(List.of("hour", "incidents"), pairs(hours(r.byHour()))));
        m.append("## Distribution by weekday\n\n")
                .append(mdTable(List.of("weekday", "incidents"), pairs(weekdays(r.byWeekday()))));
        m.append("## MTTx against the previous month\n\n")
                .append(mdTable(mttxHeader(), mttxRows(r)));
        m.append("## SLO achievement\n\n").append(mdTable(sloHeader(), sloRows(r)));
        m.append("## Noise reduction\n\n").append(mdTable(noiseHeader(), noiseRows(r)));
        m.append("## Recurring systems\n\n").append(mdTable(recurringHeader(), recurringRows(r)));
        m.append("## Top improvement candidates\n\n")
                .append(mdTable(candidateHeader(), candidateRows(r)));
        return m.toString();
    }

    // ------------------------------------------------------------------ sections

    private static List<String> mttxHeader() {
        return List.of("figure", "this month (mean)", "previous month (mean)", "change", "count");
    }

    private static List<List<String>> mttxRows(MonthlyReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(mttxRow("MTTD", r.mttx().mttd(), r.previousMttx().mttd()));
        rows.add(mttxRow("MTTA", r.mttx().mtta(), r.previousMttx().mtta()));
        rows.add(mttxRow("MTTR", r.mttx().mttr(), r.previousMttx().mttr()));
        rows.add(
                mttxRow(
                        "MTTR from impact",
                        r.mttx().mttrFromImpact(),
                        r.previousMttx().mttrFromImpact()));
        return rows;
    }

    private static List<String> mttxRow(String name, DurationStats now, DurationStats before) {
        String change =
                now.meanSeconds() == null || before.meanSeconds() == null
                        ? "-"
                        : signed(now.meanSeconds() - before.meanSeconds());
        return List.of(
                name,
                duration(now.meanSeconds()),
                duration(before.meanSeconds()),
                change,
                Long.toString(now.count()));
    }

    private static List<String> sloHeader() {
        return List.of("priority", "incidents", "ack achievement", "resolve achievement");
    }

    private static List<List<String>> sloRows(MonthlyReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> s : r.slo()) {
            rows.add(
                    List.of(
                            str(s.get("priority")),
                            str(s.get("incidents")),
                            percent(s.get("ack_achievement")),
                            percent(s.get("resolve_achievement"))));
        }
        return rows;
    }

    private static List<String> noiseHeader() {
        return List.of("service", "notifications", "alerts", "incidents", "reduction");
    }

    private static List<List<String>> noiseRows(MonthlyReport r) {
        List<List<String>> rows = new ArrayList<>();
        long notifications = 0;
        long alerts = 0;
        long incidents = 0;
        for (Map<String, Object> s : r.noise()) {
            rows.add(
                    List.of(
                            str(s.get("service")),
                            str(s.get("notifications")),
                            str(s.get("alerts")),
                            str(s.get("incidents")),
                            percent(s.get("reduction"))));
            notifications += ReportService.num(s, "notifications").longValue();
            alerts += ReportService.num(s, "alerts").longValue();
            incidents += ReportService.num(s, "incidents").longValue();
        }
        Object total = notifications == 0 ? null : 1.0 - (double) incidents / notifications;
        rows.add(
                List.of(
                        "total",
                        Long.toString(notifications),
                        Long.toString(alerts),
                        Long.toString(incidents),
                        percent(total)));
        return rows;
    }

    private static List<String> recurringHeader() {
        return List.of("signature", "service", "incidents", "recurrences", "last title");
    }

    private static List<List<String>> recurringRows(MonthlyReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> s : r.recurring()) {
            rows.add(
                    List.of(
                            str(s.get("signature")),
                            str(s.get("last_service")),
                            str(s.get("incidents")),
                            str(s.get("recurrences")),
                            str(s.get("last_title"))));
        }
        return rows;
    }

    private static List<String> candidateHeader() {
        return List.of("service", "incidents", "hours to resolve (total)", "recurrences");
    }

    private static List<List<String>> candidateRows(MonthlyReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (MonthlyReport.Candidate c : r.candidates()) {
            rows.add(
                    List.of(
                            c.service(),
                            Long.toString(c.incidents()),
                            String.format(Locale.ROOT, "%.1f", c.resolveHours()),
                            Long.toString(c.recurrences())));
        }
        return rows;
    }

    // ------------------------------------------------------------------ building blocks

    /**
     * A horizontal bar chart as inline SVG, one bar per entry, widths proportional to the value.
     */
    static String bars(Map<String, Long> values) {
        int rowHeight = 18;
        int labelWidth = 140;
        int barWidth = 480;
        long max = values.values().stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(labelWidth + barWidth + 60)
                .append("\" height=\"")
                .append(Math.max(1, values.size()) * rowHeight + 4)
                .append("\">");
        int y = 2;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            long w = max == 0 ? 0 : Math.round((double) e.getValue() * barWidth / max);
            s.append("<text x=\"0\" y=\"")
                    .append(y + 13)
                    .append("\" font-size=\"12\">")
                    .append(esc(e.getKey()))
                    .append("</text>")
                    .append("<rect x=\"")
                    .append(labelWidth)
                    .append("\" y=\"")
                    .append(y + 2)
                    .append("\" width=\"")
                    .append(w)
                    .append("\" height=\"")
                    .append(rowHeight - 4)
                    .append("\" fill=\"#4a78b5\"><title>")
                    .append(esc(e.getKey()))
                    .append(": ")
                    .append(e.getValue())
                    .append("</title></rect>")
                    .append("<text x=\"")
                    .append(labelWidth + w + 4)
                    .append("\" y=\"")
                    .append(y + 13)
                    .append("\" font-size=\"12\">")
                    .append(e.getValue())
                    .append("</text>");
            y += rowHeight;
        }
        if (values.isEmpty()) {
            s.append("<text x=\"0\" y=\"14\" font-size=\"12\">no incidents</text>");
        }
        return s.append("</svg>\n").toString();
    }

    private static Map<String, Long> hours(long[] byHour) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            out.put(String.format(Locale.ROOT, "%02d:00", i), byHour[i]);
        }
        return out;
    }

    private static Map<String, Long> weekdays(long[] byWeekday) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            out.put(WEEKDAYS[i], byWeekday[i]);
        }
        return out;
    }

    private static List<List<String>> pairs(Map<String, Long> values) {
        List<List<String>> rows = new ArrayList<>();
        values.forEach((k, v) -> rows.add(List.of(k, Long.toString(v))));
        return rows;
    }

    private static String htmlTable(List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("<table><tr>");
        header.forEach(c -> t.append("<th>").append(esc(c)).append("</th>"));
        t.append("</tr>");
        for (List<String> row : rows) {
            t.append("<tr>");
            row.forEach(c -> t.append("<td>").append(esc(c)).append("</td>"));
            t.append("</tr>");
        }
        if (rows.isEmpty()) {
            t.append("<tr><td colspan=\"").append(header.size()).append("\">none</td></tr>");
        }
        return t.append("</table>\n").toString();
    }

    private static String mdTable(List<String> header, List<List<String>> rows) {
        StringBuilder t =
                new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(c -> t.append("---|"));
        t.append('\n');
        for (List<String> row : rows) {
            t.append("| ")
                    .append(
                            String.join(
                                    " | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        if (rows.isEmpty()) {
            t.append("| none |").append(" |".repeat(header.size() - 1)).append('\n');
        }
        return t.append('\n').toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String str(Object o) {
        if (o == null) {
            return "-";
        }
        if (o instanceof Double d) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return o.toString();
    }

    private static String percent(Object o) {
        return o instanceof Number n
                ? String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100)
                : "-";
    }

    /** Seconds as {@code 1h02m}, {@code 4m05s} or {@code 12s}; {@code -} for no data. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = Math.round(Math.abs(seconds));
        String sign = seconds < 0 ? "-" : "";
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%s%dh%02dm", sign, s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%s%dm%02ds", sign, s / 60, s % 60);
        }
        return sign + s + "s";
    }

    private static String signed(double seconds) {
        return (seconds > 0 ? "+" : "") + duration(seconds);
    }
}
