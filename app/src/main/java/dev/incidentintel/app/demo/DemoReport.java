package dev.incidentintel.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Prints the incident feed and the KPI table as the API returns them, as plain-text tables. */
public final class DemoReport {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private DemoReport() {}

    /** The feed, newest first, one incident per line. */
    public static void printFeed(JsonNode incidents, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(
                new String[] {
                    "DETECTED (UTC)",
                    "STATUS",
                    "SEVERITY",
                    "ENV",
                    "SERVICE",
                    "ALERTS",
                    "NOTIFS",
                    "TTR",
                    "TITLE"
                });
        for (JsonNode i : incidents) {
            Instant detected = Instant.parse(i.path("detectedAt").asText());
            String ttr =
                    i.hasNonNull("resolvedAt")
                            ? duration(
                                    Duration.between(
                                                            detected,
                                                            Instant.parse(
                                                                    i.path("resolvedAt").asText()))
                                                    .toMillis()
                                            / 1000.0)
                            : "-";
            rows.add(
                    new String[] {
                        TIME.format(detected),
                        i.path("status").asText(),
                        i.path("severity").asText(),
                        i.path("environment").asText(),
                        String.join(",", strings(i.path("services"))),
                        i.path("alertCount").asText(),
                        i.path("notificationCount").asText(),
                        ttr,
                        i.path("title").asText()
                    });
        }
        table(rows, out);
    }

    /** MTTR / MTTD per group from {@code /api/v1/kpi/mttx}. */
    public static void printMttx(JsonNode mttx, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(
                new String[] {
                    mttx.path("groupBy").asText().toUpperCase(),
                    "INCIDENTS",
                    "OPEN",
                    "RESOLVED",
                    "MTTR MEAN",
                    "MTTR MEDIAN",
                    "MTTR P90",
                    "MTTD MEAN"
                });
        for (JsonNode g : mttx.path("groups")) {
            JsonNode mttr = g.path("mttr");
            rows.add(
                    new String[] {
                        g.path("key").asText(),
                        g.path("incidents").asText(),
                        g.path("open").asText(),
                        mttr.path("count").asText(),
                        duration(mttr.path("meanSeconds")),
                        duration(mttr.path("medianSeconds")),
                        duration(mttr.path("p90Seconds")),
                        duration(g.path("mttd").path("meanSeconds"))
                    });
        }
        table(rows, out);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static String duration(JsonNode seconds) {
        return seconds == null || seconds.isNull() || seconds.isMissingNode()
                ? "-"
                : duration(seconds.asDouble());
    }

    /** Seconds as {@code 1h02m03s} / {@code 25m00s} / {@code 42.5s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return seconds == Math.rint(seconds) ? s + "s" : String.format("%.1fs", seconds);
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
    }

    private static void table(List<String[]> rows, PrintStream out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < r.length; c++) {
                line.append(String.format("%-" + width[c] + "s", r[c]));
                if (c < r.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
