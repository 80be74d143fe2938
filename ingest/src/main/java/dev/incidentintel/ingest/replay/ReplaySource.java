package dev.incidentintel.ingest.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.IngestException;
import dev.incidentintel.ingest.normalize.AlertmanagerNormalizer;
import dev.incidentintel.ingest.normalize.JsonBodies;
import dev.incidentintel.ingest.service.Endpoint;
import dev.incidentintel.ingest.service.RequestMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a file or directory into {@link ReplayItem}s for one {@link ReplayFormat}. A directory is
 * read recursively in path order, skipping hidden files and {@code .md}/{@code .txt} notes.
 * Alertmanager bodies carry the earliest {@code startsAt} as their time (for pacing); ServiceNow
 * events are batched into lifecycle bodies of at most {@link #BATCH} events, and when paced a batch
 * only holds events of one instant so each is sent at its own time.
 */
public final class ReplaySource {
    /** Largest number of lifecycle events per replayed body. */
    public static final int BATCH = 500;

    private ReplaySource() {}

    /** What a path yielded: the items and a description for the summary. */
    public record Loaded(List<ReplayItem> items, String description) {}

    /**
     * Reads {@code path} as {@code format}; {@code paced} changes how ServiceNow events are
     * batched.
     */
    public static Loaded load(Path path, ReplayFormat format, boolean paced) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or directory: " + path);
        }
        List<Path> files = files(path);
        if (format == ReplayFormat.SERVICENOW_CSV) {
            List<ReplayItem> items = new ArrayList<>();
            int rows = 0;
            int incidents = 0;
            int events = 0;
            Map<String, Integer> skipped = new LinkedHashMap<>();
            for (Path file : files) {
                ServiceNowCsv.Result r = ServiceNowCsv.read(file);
                rows += r.rows();
                incidents += r.incidents();
                events += r.events().size();
                r.skipped().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
                items.addAll(lifecycleBatches(r.events(), file.getFileName().toString(), paced));
            }
            return new Loaded(
                    items,
                    rows
                            + " rows, "
                            + incidents
                            + " incidents -> "
                            + events
                            + " lifecycle events"
                            + (skipped.isEmpty() ? "" : ", skipped " + skipped));
        }
        List<ReplayItem> items = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            byte[] content = read(file);
            if (format == ReplayFormat.LOGS) {
                boolean json =
                        lower.endsWith(".ndjson")
                                || lower.endsWith(".jsonl")
                                || lower.endsWith(".json");
                String service = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                items.add(
                        new ReplayItem(
                                Endpoint.LOGS,
                                content,
                                new RequestMeta(null, null, null, json ? null : service, !json),
                                file.toString(),
                                null));
                continue;
            }
            boolean lines =
                    format == ReplayFormat.NDJSON
                            || lower.endsWith(".ndjson")
                            || lower.endsWith(".jsonl");
            if (lines) {
                String[] split = new String(content, StandardCharsets.UTF_8).split("\r?\n");
                for (int i = 0; i < split.length; i++) {
                    if (!split[i].isBlank()) {
                        items.add(
                                item(
                                        format,
                                        split[i].getBytes(StandardCharsets.UTF_8),
                                        file + ":" + (i + 1)));
                    }
                }
            } else {
                items.add(item(format, content, file.toString()));
            }
        }
        return new Loaded(items, files.size() + " file(s) -> " + items.size() + " request(s)");
    }

    private static ReplayItem item(ReplayFormat format, byte[] body, String origin) {
        Endpoint endpoint = format.endpoint();
        Instant time = null;
        if (format == ReplayFormat.PAGERDUTY
                || format == ReplayFormat.ALERTMANAGER
                || format == ReplayFormat.NDJSON) {
            try {
                JsonNode tree = JsonBodies.parse(body);
                if (format == ReplayFormat.PAGERDUTY && tree.isObject()) {
                    if (tree.has("event")) {
                        endpoint = Endpoint.PAGERDUTY_WEBHOOK;
                    } else if (!tree.has("event_action") && tree.has("payload")) {
                        endpoint = Endpoint.PAGERDUTY_CHANGE;
                    }
                } else if (format != ReplayFormat.PAGERDUTY) {
                    time =
                            new AlertmanagerNormalizer()
                                    .normalize(tree, Instant.EPOCH).stream()
                                            .map(AlertEvent::startsAt)
                                            .min(Instant::compareTo)
                                            .orElse(null);
                }
            } catch (IngestException e) {
                // Left to the sink, which rejects it with the same message the live endpoint would
                // give.
            }
        }
        return new ReplayItem(endpoint, body, RequestMeta.none(), origin, time);
    }

    /** ServiceNow events as lifecycle API bodies (JSON arrays). */
    static List<ReplayItem> lifecycleBatches(
            List<LifecycleEvent> events, String origin, boolean paced) {
        List<ReplayItem> items = new ArrayList<>();
        int start = 0;
        while (start < events.size()) {
            int end = start + 1;
            Instant first = events.get(start).eventTime();
            while (end < events.size()
                    && end - start < BATCH
                    && (!paced || events.get(end).eventTime().equals(first))) {
                end++;
            }
            List<Map<String, Object>> body = new ArrayList<>(end - start);
            for (LifecycleEvent e : events.subList(start, end)) {
                body.add(apiBody(e));
            }
            items.add(
                    new ReplayItem(
                            Endpoint.LIFECYCLE,
                            EventJson.toBytes(body),
                            RequestMeta.none(),
                            origin + " events " + (start + 1) + ".." + end,
                            first));
            start = end;
        }
        return items;
    }

    /** A lifecycle event in the shape of {@code POST /api/v1/lifecycle}. */
    static Map<String, Object> apiBody(LifecycleEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", e.source());
        m.put("action", e.action().json());
        if (e.incidentId() != null) {
            m.put("incidentId", e.incidentId());
        }
        if (e.alertFingerprint() != null) {
            m.put("alertFingerprint", e.alertFingerprint());
        }
        m.put("time", e.eventTime().toString());
        m.put("actor", e.actor());
        m.put("team", e.team());
        if (e.tier() != null) {
            m.put("tier", e.tier().json());
        }
        m.put("note", e.note());
        m.put("attributes", e.attributes());
        return m;
    }

    private static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(
                            p -> {
                                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                                return !n.endsWith(".md") && !n.endsWith(".txt");
                            })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
