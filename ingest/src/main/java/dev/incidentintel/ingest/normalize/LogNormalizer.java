package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.LogEvent;
import dev.incidentintel.ingest.IngestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log lines ({@code POST /api/v1/logs}). Log shippers send big batches, so one bad line must not
 * reject the rest: every line is judged on its own, good lines become {@link LogEvent}s and bad
 * ones come back as {@link Normalized.Rejection}s (the service sends them to the DLQ).
 *
 * <p>NDJSON: one JSON object per line; blank lines are skipped. Fields: time from {@code time},
 * {@code timestamp}, {@code @timestamp}, {@code ts} (any {@link Timestamps} format; the receive
 * time when absent); service from {@code service}, {@code service.name}, {@code app}, else the
 * {@code service} query parameter; environment from {@code environment}/{@code env}; host from
 * {@code host}/{@code hostname}; level from {@code level}/{@code severity}/{@code lvl}; message
 * from {@code message}/{@code msg}/{@code log} (required); every other field goes to {@code
 * attributes} (nested values as JSON text).
 *
 * <p>Text: each non-blank line is one message for the {@code service} query parameter; a leading
 * timestamp (ISO, Apache, syslog) sets the event time, else the receive time; a level word (TRACE,
 * DEBUG, INFO, WARN(ING), ERROR, FATAL, CRITICAL) near the start sets the level. The line is kept
 * verbatim as the message.
 */
public final class LogNormalizer {
    /** Value of {@code source} on log events from this normaliser. */
    public static final String SOURCE = "logs";

    /** Longest line accepted (the rest of the line is a rejection, not a truncation). */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private static final List<String> TIME = List.of("time", "timestamp", "@timestamp", "ts");
    private static final List<String> SERVICE = List.of("service", "service.name", "app");
    private static final List<String> ENV = List.of("environment", "env");
    private static final List<String> HOST = List.of("host", "hostname");
    private static final List<String> LEVEL = List.of("level", "severity", "lvl");
    private static final List<String> MESSAGE = List.of("message", "msg", "log");
    private static final Set<String> KNOWN =
            Set.of(
                    "time",
                    "timestamp",
                    "@timestamp",
                    "ts",
                    "service",
                    "service.name",
                    "app",
                    "environment",
                    "env",
                    "host",
                    "hostname",
                    "level",
                    "severity",
                    "lvl",
                    "message",
                    "msg",
                    "log");
    private static final Pattern LEVEL_WORD =
            Pattern.compile(
                    "\\b(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\\b",
                    Pattern.CASE_INSENSITIVE);

    /** Normalises an NDJSON body; {@code defaultService} is the query parameter, may be null. */
    public Normalized ndjson(byte[] body, String defaultService, Instant receivedAt) {
        List<LogEvent> events = new ArrayList<>();
        List<Normalized.Rejection> rejected = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(body)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                if (line.length() > MAX_LINE_CHARS) {
                    throw new IngestException(
                            dev.incidentintel.ingest.ErrorCode.INVALID_VALUE,
                            "line " + lineNo,
                            "line is longer than " + MAX_LINE_CHARS + " characters");
                }
                events.add(
                        jsonLine(
                                JsonBodies.parse(line.getBytes(StandardCharsets.UTF_8)),
                                defaultService,
                                receivedAt));
            } catch (IngestException e) {
                rejected.add(
                        new Normalized.Rejection(
                                lineNo,
                                abbreviate(line),
                                e.code().code(),
                                "line " + lineNo + ": " + e.getMessage(),
                                e.field()));
            }
        }
        return new Normalized(List.of(), List.of(), List.of(), events, rejected, 0);
    }

    private static LogEvent jsonLine(JsonNode node, String defaultService, Instant receivedAt) {
        JsonFields f = JsonFields.root(node);
        String message = first(f, MESSAGE);
        if (message == null) {
            throw new IngestException(
                    dev.incidentintel.ingest.ErrorCode.MISSING_FIELD,
                    "message",
                    "message (or msg, log) is required");
        }
        String service = first(f, SERVICE);
        if (service == null || service.isBlank()) {
            service = defaultService;
        }
        if (service == null || service.isBlank()) {
            throw new IngestException(
                    dev.incidentintel.ingest.ErrorCode.MISSING_FIELD,
                    "service",
                    "service is required in the line or as the service query parameter");
        }
        Instant time = receivedAt;
        for (String name : TIME) {
            String raw = f.optionalScalar(name).orElse(null);
            if (raw != null) {
                time = PagerDutyNormalizer.time(raw, f.path(name), receivedAt);
                break;
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        f.asFlatMap()
                .forEach(
                        (k, v) -> {
                            if (!KNOWN.contains(k)) {
                                attributes.put(k, v);
                            }
                        });
        return new LogEvent(
                LogEvent.SCHEMA_VERSION,
                SOURCE,
                time,
                receivedAt,
                service,
                first(f, ENV),
                first(f, HOST),
                normaliseLevel(first(f, LEVEL)),
                message,
                attributes,
                "");
    }

    private static String first(JsonFields f, List<String> names) {
        for (String name : names) {
            JsonNode v = f.node().get(name);
            if (v != null && v.isValueNode() && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    /** Normalises a text body: one message per non-blank line for {@code service}. */
    public Normalized text(byte[] body, String service, Instant receivedAt) {
        List<LogEvent> events = new ArrayList<>();
        List<Normalized.Rejection> rejected = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(body)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_LINE_CHARS) {
                rejected.add(
                        new Normalized.Rejection(
                                lineNo,
                                abbreviate(line),
                                "invalid_value",
                                "line "
                                        + lineNo
                                        + ": line is longer than "
                                        + MAX_LINE_CHARS
                                        + " characters",
                                null));
                continue;
            }
            Instant time = receivedAt;
            int rest = 0;
            var prefix = Timestamps.lineTimestamp(line, receivedAt);
            if (prefix.isPresent()) {
                time = prefix.get().instant();
                rest = prefix.get().end();
            }
            String level = "";
            Matcher m = LEVEL_WORD.matcher(line);
            if (m.find(rest) && m.start() - rest < 40) {
                level = normaliseLevel(m.group(1));
            }
            events.add(
                    new LogEvent(
                            LogEvent.SCHEMA_VERSION,
                            SOURCE,
                            time,
                            receivedAt,
                            service,
                            null,
                            null,
                            level,
                            line,
                            Map.of(),
                            ""));
        }
        return new Normalized(List.of(), List.of(), List.of(), events, rejected, 0);
    }

    private static String normaliseLevel(String raw) {
        if (raw == null) {
            return "";
        }
        String l = raw.trim().toLowerCase(Locale.ROOT);
        return switch (l) {
            case "warning" -> "warn";
            case "critical", "crit" -> "fatal";
            case "err" -> "error";
            default -> l;
        };
    }

    private static List<String> lines(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            out.add(line);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 2048 ? raw : raw.substring(0, 2048) + "...";
    }
}
