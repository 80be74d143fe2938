package dev.incidentintel.ingest.replay;

import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a ServiceNow incident audit log (the UCI "Incident management process enriched event log":
 * one row per update of an incident, 36 columns) into lifecycle events. The mapping is documented
 * in the ingest README; in short, per incident number (rows ordered by {@code sys_mod_count}):
 *
 * <ul>
 *   <li>{@code open} at {@code opened_at}, actor {@code opened_by};
 *   <li>{@code ack} at {@code sys_updated_at} of the first row whose state is no longer {@code New}
 *       (someone started working on it);
 *   <li>{@code assign} at {@code sys_updated_at} whenever {@code assignment_group} or {@code
 *       assigned_to} changes, team = the new group, actor = the new assignee;
 *   <li>{@code escalate} whenever {@code priority} becomes more urgent (smaller number);
 *   <li>{@code reopen} whenever {@code reopen_count} grows;
 *   <li>{@code resolve} at {@code resolved_at} (when not {@code ?}), actor {@code resolved_by};
 *   <li>{@code close} at {@code closed_at} (when not {@code ?}), note = {@code closed_code}.
 * </ul>
 *
 * incidentId = the ServiceNow {@code number} verbatim; source {@code servicenow}; attributes
 * priority ({@code P1}..{@code P5} from the leading digit of {@code priority}), impact, urgency
 * (verbatim, e.g. {@code 2 - Medium}), category, subcategory, symptom, service ({@code cmdb_ci}),
 * contact_type, made_sla, assignment_group; {@code ?} means absent and is left out. Timestamps are
 * {@code d/m/yyyy H:mm} without a zone and are read as UTC, so opened -> resolved and opened ->
 * closed durations are exactly the file's.
 */
public final class ServiceNowCsv {
    /** Value of {@code source} on events from this reader. */
    public static final String SOURCE = "servicenow";

    private static final String MISSING = "?";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d/M/uuuu H:mm");
    private static final List<String> REQUIRED =
            List.of(
                    "number",
                    "incident_state",
                    "reopen_count",
                    "sys_mod_count",
                    "opened_at",
                    "sys_updated_at",
                    "priority",
                    "assignment_group",
                    "assigned_to",
                    "resolved_at",
                    "closed_at");

    private ServiceNowCsv() {}

    /** Reads a {@code .csv} file or the first {@code .csv} entry of a {@code .zip}. */
    public static Result read(Path path) {
        try (InputStream raw = Files.newInputStream(path)) {
            if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(raw)) {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        if (!e.isDirectory()
                                && e.getName()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .endsWith(".csv")) {
                            return read(zip);
                        }
                    }
                    throw new IllegalArgumentException(path + " contains no .csv entry");
                }
            }
            return read(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * What the log yielded: events in time order (stable; a ticket's steps never before its open),
     * rows read, rows skipped with reasons.
     */
    public record Result(
            List<LifecycleEvent> events, int rows, int incidents, Map<String, Integer> skipped) {}

    /** Reads CSV text (header first). */
    public static Result read(InputStream in) {
        Csv csv =
                new Csv(
                        new BufferedReader(
                                new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
        List<String> header = csv.next();
        if (header == null) {
            throw new IllegalArgumentException("the CSV is empty");
        }
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).trim().replace("\uFEFF", ""), i);
        }
        for (String name : REQUIRED) {
            if (!col.containsKey(name)) {
                throw new IllegalArgumentException(
                        "the CSV has no column '"
                                + name
                                + "' (is it the ServiceNow incident event log?)");
            }
        }
        Map<String, List<Map<String, String>>> byIncident = new LinkedHashMap<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        int rows = 0;
        for (List<String> fields = csv.next(); fields != null; fields = csv.next()) {
            rows++;
            if (fields.size() != header.size()) {
                skipped.merge("wrong column count", 1, Integer::sum);
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (var c : col.entrySet()) {
                row.put(c.getKey(), fields.get(c.getValue()));
            }
            byIncident.computeIfAbsent(row.get("number"), k -> new ArrayList<>()).add(row);
        }
        List<LifecycleEvent> events = new ArrayList<>();
        for (var entry : byIncident.entrySet()) {
            try {
                events.addAll(incident(entry.getKey(), entry.getValue()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                skipped.merge("incident with unreadable timestamps", 1, Integer::sum);
            }
        }
        // Stable: equal times keep per-incident order (open before ack at the same minute). A step
        // written before its ticket's opened_at (one row in the UCI log) is sent right after the
        // open,
        // keeping its own time: sent first, it would wait for an incident that does not exist yet
        // and
        // could be dropped by the job's pending timeout, depending on how far the watermark got.
        Map<String, Instant> openedAt = new HashMap<>();
        for (LifecycleEvent e : events) {
            if (e.action() == LifecycleAction.OPEN) {
                openedAt.put(e.incidentId(), e.eventTime());
            }
        }
        events.sort(Comparator.comparing(e -> sendTime(e, openedAt)));
        return new Result(List.copyOf(events), rows, byIncident.size(), Map.copyOf(skipped));
    }

    private static Instant sendTime(LifecycleEvent e, Map<String, Instant> openedAt) {
        Instant opened = openedAt.get(e.incidentId());
        return opened != null && e.eventTime().isBefore(opened) ? opened : e.eventTime();
    }

    private static List<LifecycleEvent> incident(String number, List<Map<String, String>> rows) {
        List<Map<String, String>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(r -> intOr(r.get("sys_mod_count"), 0)));
        Map<String, String> first = sorted.get(0);
        Map<String, String> last = sorted.get(sorted.size() - 1);
        List<LifecycleEvent> out = new ArrayList<>();
        Instant opened = time(first.get("opened_at"));
        if (opened == null) {
            throw new IllegalArgumentException("no opened_at");
        }
        out.add(
                event(
                        number,
                        opened,
                        LifecycleAction.OPEN,
                        value(first.get("opened_by")),
                        value(first.get("assignment_group")),
                        "",
                        first));
        boolean acked = !"New".equals(first.get("incident_state"));
        if (acked) {
            // The first row already is past New: the work started when the row was written.
            out.add(
                    event(
                            number,
                            time(first.get("sys_updated_at")),
                            LifecycleAction.ACK,
                            value(first.get("assigned_to")),
                            value(first.get("assignment_group")),
                            "state " + first.get("incident_state"),
                            first));
        }
        for (int i = 1; i < sorted.size(); i++) {
            Map<String, String> prev = sorted.get(i - 1);
            Map<String, String> cur = sorted.get(i);
            Instant at = time(cur.get("sys_updated_at"));
            if (at == null) {
                continue;
            }
            String team = value(cur.get("assignment_group"));
            String assignee = value(cur.get("assigned_to"));
            if (!acked && !"New".equals(cur.get("incident_state"))) {
                acked = true;
                out.add(
                        event(
                                number,
                                at,
                                LifecycleAction.ACK,
                                assignee,
                                team,
                                "state " + cur.get("incident_state"),
                                cur));
            }
            if (!cur.get("assignment_group").equals(prev.get("assignment_group"))
                    || !cur.get("assigned_to").equals(prev.get("assigned_to"))) {
                if (!team.isEmpty() || !assignee.isEmpty()) {
                    out.add(event(number, at, LifecycleAction.ASSIGN, assignee, team, "", cur));
                }
            }
            int before = priority(prev.get("priority"));
            int after = priority(cur.get("priority"));
            if (before > 0 && after > 0 && after < before) {
                out.add(
                        event(
                                number,
                                at,
                                LifecycleAction.ESCALATE,
                                value(cur.get("sys_updated_by")),
                                team,
                                "priority P" + before + " -> P" + after,
                                cur));
            }
            if (intOr(cur.get("reopen_count"), 0) > intOr(prev.get("reopen_count"), 0)) {
                out.add(
                        event(
                                number,
                                at,
                                LifecycleAction.REOPEN,
                                value(cur.get("sys_updated_by")),
                                team,
                                "",
                                cur));
            }
        }
        Instant resolved = time(last.get("resolved_at"));
        if (resolved != null) {
            out.add(
                    event(
                            number,
                            resolved,
                            LifecycleAction.RESOLVE,
                            value(last.get("resolved_by")),
                            value(last.get("assignment_group")),
                            "",
                            last));
        }
        Instant closed = time(last.get("closed_at"));
        if (closed != null) {
            out.add(
                    event(
                            number,
                            closed,
                            LifecycleAction.CLOSE,
                            value(last.get("sys_updated_by")),
                            value(last.get("assignment_group")),
                            value(last.get("closed_code")),
                            last));
        }
        return out;
    }

    private static LifecycleEvent event(
            String number,
            Instant time,
            LifecycleAction action,
            String actor,
            String team,
            String note,
            Map<String, String> row) {
        Map<String, String> attributes = new LinkedHashMap<>();
        int p = priority(row.get("priority"));
        if (p > 0) {
            attributes.put("priority", "P" + p);
        }
        put(attributes, "impact", row.get("impact"));
        put(attributes, "urgency", row.get("urgency"));
        put(attributes, "category", row.get("category"));
        put(attributes, "subcategory", row.get("subcategory"));
        put(attributes, "symptom", row.get("u_symptom"));
        put(attributes, "service", row.get("cmdb_ci"));
        put(attributes, "contact_type", row.get("contact_type"));
        put(attributes, "made_sla", row.get("made_sla"));
        put(attributes, "assignment_group", row.get("assignment_group"));
        return new LifecycleEvent(
                LifecycleEvent.SCHEMA_VERSION,
                SOURCE,
                time,
                number,
                null,
                action,
                actor,
                team,
                null,
                note,
                attributes);
    }

    private static void put(Map<String, String> map, String key, String raw) {
        String v = value(raw);
        if (!v.isEmpty()) {
            map.put(key, v);
        }
    }

    private static String value(String raw) {
        return raw == null || raw.isBlank() || MISSING.equals(raw.trim()) ? "" : raw.trim();
    }

    /** The leading digit of {@code "3 - Moderate"}, or 0. */
    static int priority(String raw) {
        String v = value(raw);
        if (v.isEmpty() || !Character.isDigit(v.charAt(0))) {
            return 0;
        }
        return Character.digit(v.charAt(0), 10);
    }

    /** A {@code d/m/yyyy H:mm} timestamp as UTC, or null for {@code ?}. */
    static Instant time(String raw) {
        String v = value(raw);
        if (v.isEmpty()) {
            return null;
        }
        return LocalDateTime.parse(v, TIME).toInstant(ZoneOffset.UTC);
    }

    private static int intOr(String raw, int fallback) {
        try {
            return Integer.parseInt(value(raw));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
