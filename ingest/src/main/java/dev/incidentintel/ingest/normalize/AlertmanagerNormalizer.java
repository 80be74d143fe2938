package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.fingerprint.Fingerprints;
import dev.incidentintel.events.json.Rfc3339;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an Alertmanager webhook (payload version 4, see the {@code webhook_config} section of the
 * Alertmanager configuration docs) into one canonical {@link AlertEvent} per element of {@code
 * alerts}. Grafana OnCall's Alertmanager integration sends the same shape.
 *
 * <p>All-or-nothing: the first invalid alert rejects the whole notification with an {@link
 * IngestException} naming the field (e.g. {@code alerts[1].startsAt}), so a request is either fully
 * published or not at all. Unknown properties are ignored so newer Alertmanager releases keep
 * working. Rules:
 *
 * <ul>
 *   <li>{@code version}, when present, must be {@code "4"}; {@code alerts} must be a non-empty
 *       array.
 *   <li>Each alert needs {@code labels.alertname} (the alert name) and an RFC 3339 {@code startsAt}
 *       (Go's zero time is rejected: it means "unset"). Its {@code status} falls back to the
 *       notification's top-level {@code status}.
 *   <li>{@code endsAt} that is absent or Go's zero time becomes {@code null}.
 *   <li>Event time: {@code startsAt} when firing; {@code endsAt} when resolved, or the receive time
 *       if the resolved alert carries no end.
 *   <li>The upstream {@code fingerprint} is kept verbatim; only when it is absent or blank is
 *       {@link Fingerprints#ofLabels} used.
 *   <li>Service, environment, severity and summary come from the configured {@link LabelMapping}.
 *   <li>{@code rawId} is the notification's {@code groupKey}.
 * </ul>
 */
public final class AlertmanagerNormalizer {
    /** Value of {@link AlertEvent#source()} for events from this normaliser. */
    public static final String SOURCE = "alertmanager";

    /** The only webhook payload version this normaliser understands. */
    public static final String SUPPORTED_VERSION = "4";

    private final LabelMapping mapping;

    public AlertmanagerNormalizer(LabelMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** A normaliser with {@link LabelMapping#defaults()}. */
    public AlertmanagerNormalizer() {
        this(LabelMapping.defaults());
    }

    /**
     * Normalises one webhook notification.
     *
     * @param body the parsed request body
     * @param receivedAt when ingest received the notification
     * @return one event per alert, in the order of {@code alerts}; never empty
     * @throws IngestException naming the first invalid field
     */
    public List<AlertEvent> normalize(JsonNode body, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        JsonFields root = JsonFields.root(body);

        root.optionalText("version")
                .filter(version -> !SUPPORTED_VERSION.equals(version))
                .ifPresent(
                        version -> {
                            throw new IngestException(
                                    ErrorCode.UNSUPPORTED_VERSION,
                                    root.path("version"),
                                    "only Alertmanager webhook version \""
                                            + SUPPORTED_VERSION
                                            + "\" is supported, got \""
                                            + version
                                            + "\"");
                        });
        AlertStatus groupStatus =
                root.optionalText("status").map(s -> status(s, root.path("status"))).orElse(null);
        String groupKey = root.optionalText("groupKey").orElse("");

        JsonNode alerts = root.requiredArray("alerts");
        if (alerts.isEmpty()) {
            throw new IngestException(
                    ErrorCode.INVALID_VALUE,
                    root.path("alerts"),
                    "alerts must contain at least one alert");
        }
        List<AlertEvent> events = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            JsonFields alert =
                    JsonFields.of(alerts.get(i), JsonPaths.index(root.path("alerts"), i));
            events.add(alert(alert, groupStatus, groupKey, receivedAt, SOURCE, Map.of(), Map.of()));
        }
        return List.copyOf(events);
    }

    /**
     * One alert of an Alertmanager-shaped notification (also used by {@link GrafanaNormalizer}).
     * {@code extraLabels} and {@code extraAnnotations} are added after the fingerprint was taken
     * from the upstream value or the alert's own labels, so they never change an alert's identity.
     */
    AlertEvent alert(
            JsonFields alert,
            AlertStatus groupStatus,
            String groupKey,
            Instant receivedAt,
            String source,
            Map<String, String> extraLabels,
            Map<String, String> extraAnnotations) {
        // Labels are required because alertname lives in them; read them whole first so a wrongly
        // typed label value is reported even when alertname itself is fine.
        JsonFields labelsNode = alert.requiredObject("labels");
        Map<String, String> labels = labelsNode.asStringMap();
        String name = labelsNode.requiredText("alertname");
        Map<String, String> annotations =
                new java.util.LinkedHashMap<>(
                        alert.optionalObject("annotations")
                                .map(JsonFields::asStringMap)
                                .orElse(Map.of()));

        AlertStatus status =
                alert.optionalText("status")
                        .map(s -> status(s, alert.path("status")))
                        .or(() -> java.util.Optional.ofNullable(groupStatus))
                        .orElseThrow(
                                () ->
                                        new IngestException(
                                                ErrorCode.MISSING_FIELD,
                                                alert.path("status"),
                                                alert.path("status")
                                                        + " is required when the notification has no top-level status"));

        Instant startsAt = time(alert, "startsAt", true);
        Instant endsAt = time(alert, "endsAt", false);
        Instant eventTime;
        if (status == AlertStatus.FIRING) {
            eventTime = startsAt;
        } else {
            // Alertmanager normally stamps resolved alerts with endsAt; when it does not, the
            // moment we
            // heard about the resolution is the best bound we have.
            eventTime = endsAt != null ? endsAt : receivedAt;
        }

        String fingerprint =
                alert.optionalText("fingerprint")
                        .filter(f -> !f.isBlank())
                        .orElseGet(() -> Fingerprints.ofLabels(labels));
        Map<String, String> allLabels = labels;
        if (!extraLabels.isEmpty()) {
            Map<String, String> merged = new java.util.LinkedHashMap<>(extraLabels);
            merged.putAll(labels);
            allLabels = merged;
        }
        extraAnnotations.forEach(annotations::putIfAbsent);

        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                source,
                eventTime,
                receivedAt,
                fingerprint,
                status,
                name,
                mapping.service(allLabels),
                mapping.environment(allLabels),
                mapping.severity(allLabels),
                mapping.summary(annotations),
                allLabels,
                annotations,
                startsAt,
                endsAt,
                alert.optionalText("generatorURL").orElse(""),
                groupKey);
    }

    static AlertStatus status(String raw, String path) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "firing":
                return AlertStatus.FIRING;
            case "resolved":
                return AlertStatus.RESOLVED;
            default:
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        path,
                        path + " must be \"firing\" or \"resolved\", got \"" + raw + "\"");
        }
    }

    /** A timestamp field; Go's zero time counts as absent. */
    private static Instant time(JsonFields alert, String field, boolean required) {
        String path = alert.path(field);
        String raw = required ? alert.requiredText(field) : alert.optionalText(field).orElse(null);
        if (raw == null || (!required && raw.isBlank())) {
            return null;
        }
        Instant instant =
                Rfc3339.parse(raw)
                        .orElseThrow(
                                () ->
                                        new IngestException(
                                                ErrorCode.INVALID_VALUE,
                                                path,
                                                path
                                                        + " must be an RFC 3339 timestamp like 2024-05-01T12:00:00.123Z, got \""
                                                        + abbreviate(raw)
                                                        + "\""));
        if (Rfc3339.isGoZero(instant)) {
            if (required) {
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        path,
                        path + " must be set, got Go's zero time " + raw);
            }
            return null;
        }
        return instant;
    }

    /** Keeps error messages short when a client sends a huge bogus value. */
    private static String abbreviate(String raw) {
        return raw.length() <= 64 ? raw : raw.substring(0, 64) + "...";
    }
}
