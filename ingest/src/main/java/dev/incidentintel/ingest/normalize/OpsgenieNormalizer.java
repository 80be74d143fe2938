package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.fingerprint.Fingerprints;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Opsgenie alerts, in two shapes. The outgoing webhook ({@code {"action": "Create", "alert": {...},
 * "source": {...}}}) and the body of Opsgenie's Create Alert API ({@code {"message", "alias",
 * ...}}, treated as action {@code Create}), so both an Opsgenie webhook integration and a tool that
 * creates Opsgenie alerts can point here.
 *
 * <p>{@code alias} is the dedup key and becomes the fingerprint verbatim (else {@code alertId},
 * else the documented fingerprint of message + entity + source). Actions: {@code Create} -> firing
 * alert; {@code Close} -> resolved alert plus a {@code resolve} lifecycle event; {@code
 * Acknowledge} -> {@code ack}; {@code UnAcknowledge} -> {@code unack}; {@code AssignOwnership} ->
 * {@code assign}; {@code Escalate}/{@code EscalateNext} -> {@code escalate}; {@code AddNote} ->
 * {@code comment}. Other actions (tags, details, snooze, ...) are acknowledged and ignored.
 *
 * <p>Alert fields: name = {@code message}; severity from {@code priority} (P1..P5); labels = the
 * scalar {@code details} plus {@code entity}, {@code source}, {@code priority}, {@code tags}
 * (comma-joined), {@code team}; service and environment through the {@link LabelMapping} with
 * {@code entity} as a last resort for service; event time = {@code updatedAt} for Close, else
 * {@code createdAt} (epoch milliseconds, or nanoseconds for large values), else the receive time.
 */
public final class OpsgenieNormalizer {
    /** Value of {@code source} on events from this normaliser. */
    public static final String SOURCE = "opsgenie";

    private final LabelMapping mapping;

    public OpsgenieNormalizer(LabelMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** Normalises one webhook or Create Alert body. */
    public Normalized normalize(JsonNode body, Instant receivedAt) {
        JsonFields root = JsonFields.root(body);
        String action;
        JsonFields alert;
        if (root.optional("action").isPresent() || root.optional("alert").isPresent()) {
            action = root.requiredText("action").trim();
            alert = root.requiredObject("alert");
        } else {
            action = "Create";
            alert = root;
        }
        String actor = alert.optionalScalar("username").orElse("");
        String key =
                alert.optionalText("alias")
                        .filter(a -> !a.isBlank())
                        .or(() -> alert.optionalScalar("alertId").filter(a -> !a.isBlank()))
                        .orElse(null);
        switch (action.toLowerCase(Locale.ROOT)) {
            case "create":
                {
                    AlertEvent event = alert(alert, AlertStatus.FIRING, key, receivedAt);
                    return Normalized.ofAlerts(List.of(event));
                }
            case "close":
                {
                    AlertEvent event = alert(alert, AlertStatus.RESOLVED, key, receivedAt);
                    LifecycleEvent resolve =
                            lifecycle(
                                    event.fingerprint(),
                                    LifecycleAction.RESOLVE,
                                    event.eventTime(),
                                    actor,
                                    alert);
                    return new Normalized(
                            List.of(event), List.of(resolve), List.of(), List.of(), List.of(), 0);
                }
            case "acknowledge":
                return Normalized.ofLifecycle(
                        List.of(
                                lifecycle(
                                        requireKey(key, alert),
                                        LifecycleAction.ACK,
                                        changeTime(alert, receivedAt),
                                        actor,
                                        alert)));
            case "unacknowledge":
                return Normalized.ofLifecycle(
                        List.of(
                                lifecycle(
                                        requireKey(key, alert),
                                        LifecycleAction.UNACK,
                                        changeTime(alert, receivedAt),
                                        actor,
                                        alert)));
            case "assignownership":
                return Normalized.ofLifecycle(
                        List.of(
                                lifecycle(
                                        requireKey(key, alert),
                                        LifecycleAction.ASSIGN,
                                        changeTime(alert, receivedAt),
                                        actor,
                                        alert)));
            case "escalate":
            case "escalatenext":
                return Normalized.ofLifecycle(
                        List.of(
                                lifecycle(
                                        requireKey(key, alert),
                                        LifecycleAction.ESCALATE,
                                        changeTime(alert, receivedAt),
                                        actor,
                                        alert)));
            case "addnote":
                return Normalized.ofLifecycle(
                        List.of(
                                lifecycle(
                                        requireKey(key, alert),
                                        LifecycleAction.COMMENT,
                                        changeTime(alert, receivedAt),
                                        actor,
                                        alert)));
            default:
                return Normalized.ignoredOne();
        }
    }

    private static String requireKey(String key, JsonFields alert) {
        if (key == null) {
            throw new IngestException(
                    ErrorCode.MISSING_FIELD,
                    alert.path("alias"),
                    alert.path("alias") + " or alertId is required");
        }
        return key;
    }

    private AlertEvent alert(JsonFields alert, AlertStatus status, String key, Instant receivedAt) {
        String message = alert.requiredText("message");
        Map<String, String> labels = new LinkedHashMap<>();
        alert.optionalObject("details").ifPresent(d -> labels.putAll(d.asFlatMap()));
        alert.optionalScalar("entity").ifPresent(v -> labels.put("entity", v));
        alert.optionalScalar("source").ifPresent(v -> labels.put("source", v));
        alert.optionalScalar("priority").ifPresent(v -> labels.put("priority", v));
        alert.optionalScalar("team").ifPresent(v -> labels.put("team", v));
        alert.optionalArray("tags")
                .ifPresent(
                        tags -> {
                            List<String> names = new ArrayList<>();
                            tags.forEach(t -> names.add(JsonFields.flat(t)));
                            labels.put("tags", String.join(",", names));
                        });
        String fingerprint = key;
        if (fingerprint == null) {
            Map<String, String> identity = new LinkedHashMap<>();
            identity.put("message", message);
            alert.optionalScalar("entity").ifPresent(v -> identity.put("entity", v));
            alert.optionalScalar("source").ifPresent(v -> identity.put("source", v));
            fingerprint = Fingerprints.ofLabels(identity);
        }
        Instant created = epochField(alert, "createdAt").orElse(null);
        Instant eventTime =
                status == AlertStatus.RESOLVED
                        ? epochField(alert, "updatedAt").orElse(receivedAt)
                        : (created != null ? created : receivedAt);
        Map<String, String> annotations = new LinkedHashMap<>();
        alert.optionalScalar("description").ifPresent(v -> annotations.put("description", v));
        alert.optionalScalar("tinyId").ifPresent(v -> annotations.put("tinyId", v));
        alert.optionalScalar("alertId").ifPresent(v -> annotations.put("alertId", v));
        String service = mapping.service(labels);
        if (LabelMapping.UNKNOWN.equals(service)
                && labels.containsKey("entity")
                && !labels.get("entity").isBlank()) {
            service = labels.get("entity");
        }
        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                SOURCE,
                eventTime,
                receivedAt,
                fingerprint,
                status,
                message,
                service,
                mapping.environment(labels),
                alert.optionalScalar("priority").map(Severity::fromLabel).orElse(Severity.UNKNOWN),
                message,
                labels,
                annotations,
                created != null ? created : eventTime,
                status == AlertStatus.RESOLVED ? eventTime : null,
                "",
                alert.optionalScalar("alertId").orElse(""));
    }

    private static LifecycleEvent lifecycle(
            String fingerprint,
            LifecycleAction action,
            Instant time,
            String actor,
            JsonFields alert) {
        Map<String, String> attributes = new LinkedHashMap<>();
        alert.optionalScalar("alertId").ifPresent(v -> attributes.put("alertId", v));
        alert.optionalScalar("priority").ifPresent(v -> attributes.put("priority", v));
        String team = alert.optionalScalar("team").orElse("");
        String note = alert.optionalScalar("note").orElse("");
        return new LifecycleEvent(
                LifecycleEvent.SCHEMA_VERSION,
                SOURCE,
                time,
                null,
                fingerprint,
                action,
                actor,
                team,
                null,
                note,
                attributes);
    }

    private static Instant changeTime(JsonFields alert, Instant receivedAt) {
        return epochField(alert, "updatedAt").orElse(receivedAt);
    }

    private static java.util.Optional<Instant> epochField(JsonFields alert, String name) {
        return alert.optionalScalar(name)
                .map(
                        raw ->
                                Timestamps.parse(raw, Instant.EPOCH)
                                        .orElseThrow(
                                                () ->
                                                        new IngestException(
                                                                ErrorCode.INVALID_VALUE,
                                                                alert.path(name),
                                                                alert.path(name)
                                                                        + " must be epoch milliseconds or an ISO 8601 timestamp")));
    }
}
