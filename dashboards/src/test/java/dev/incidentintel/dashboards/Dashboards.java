package dev.incidentintel.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the provisioned dashboards and expands panel SQL the way the grafana-clickhouse-datasource
 * plugin does for the macros our panels use ({@code $__timeFilter(expr)}, {@code $__fromTime},
 * {@code $__toTime}) and Grafana does for template variables ({@code ${name}}, raw text).
 */
final class Dashboards {
    static final Path DIR = Path.of("grafana/dashboards");
    static final Path PROVISIONING = Path.of("grafana/provisioning");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One panel query. */
    record PanelQuery(String uid, String dashboardFile, int panelId, String title, String sql) {
        String key() {
            return uid + "/" + panelId;
        }
    }

    private Dashboards() {}

    static List<Path> files() throws IOException {
        if (!Files.isDirectory(DIR)) {
            throw new IllegalStateException("dashboards folder missing: " + DIR.toAbsolutePath());
        }
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static List<PanelQuery> queries() throws IOException {
        List<PanelQuery> out = new ArrayList<>();
        for (Path f : files()) {
            JsonNode d = read(f);
            for (JsonNode panel : d.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    out.add(
                            new PanelQuery(
                                    d.get("uid").asText(),
                                    f.getFileName().toString(),
                                    panel.get("id").asInt(),
                                    panel.get("title").asText(),
                                    target.get("rawSql").asText()));
                }
            }
        }
        return out;
    }

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_]+)}|\\$([A-Za-z_]+)");

    /**
     * Expands macros and variables. {@code $__timeFilter(expr)} takes a balanced-parenthesis
     * argument, as in {@code $__timeFilter(toDateTime(intDiv(event_ms, 1000)))}.
     */
    static String expand(String sql, Instant from, Instant to, Map<String, String> variables) {
        String fromTime = "toDateTime(" + from.getEpochSecond() + ")";
        String toTime = "toDateTime(" + to.getEpochSecond() + ")";
        StringBuilder out = new StringBuilder();
        Matcher m = TIME_FILTER.matcher(sql);
        int pos = 0;
        while (m.find(pos)) {
            out.append(sql, pos, m.start());
            int depth = 1;
            int i = m.end();
            while (depth > 0) {
                char c = sql.charAt(i++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            String expr = sql.substring(m.end(), i - 1);
            out.append(expr)
                    .append(" >= ")
                    .append(fromTime)
                    .append(" AND ")
                    .append(expr)
                    .append(" <= ")
                    .append(toTime);
            pos = i;
        }
        out.append(sql.substring(pos));
        String expanded =
                out.toString().replace("$__fromTime", fromTime).replace("$__toTime", toTime);
        Matcher v = VARIABLE.matcher(expanded);
        StringBuilder result = new StringBuilder();
        while (v.find()) {
            String name = v.group(1) != null ? v.group(1) : v.group(2);
            String value = variables.get(name);
            if (value == null) {
                throw new IllegalStateException(
                        "panel uses an unknown variable or macro: " + v.group());
            }
            v.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        v.appendTail(result);
        return result.toString();
    }
}
