package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.fingerprint.Fingerprints;
import dev.incidentintel.events.json.Rfc3339;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Generic JSON alerts ({@code POST /api/v1/alerts/generic/{integration}}) through a configured
 * {@link GenericMapping}. Service and environment come from their pointers, else from the {@link
 * LabelMapping} over the labels; status words firing, alerting, triggered, trigger, open, problem,
 * active, critical, warning are firing, and resolved, ok, closed, recovered, normal, inactive
 * resolved (anything else is an error naming the pointer); no status pointer means firing. Event
 * time = startsAt when firing, endsAt when resolved, else the receive time. Errors name the JSON
 * Pointer that failed, e.g. {@code /alert/name}.
 */
public final class GenericNormalizer {
    /** Prefix of {@code source}: {@code generic:<integration>}. */
    public static final String SOURCE_PREFIX = "generic:";

    private static final Set<String> FIRING =
            Set.of(
                    "firing",
                    "alerting",
                    "triggered",
                    "trigger",
                    "open",
                    "problem",
                    "active",
                    "critical",
                    "warning");
    private static final Set<String> RESOLVED =
            Set.of("resolved", "resolve", "ok", "closed", "recovered", "normal", "inactive");

    private final LabelMapping labelMapping;

    public GenericNormalizer(LabelMapping labelMapping) {
        this.labelMapping = Objects.requireNonNull(labelMapping, "labelMapping");
    }

    /** Normalises one body with {@code mapping}; all or nothing. */
    public List<AlertEvent> normalize(
            String integration, GenericMapping mapping, JsonNode body, Instant receivedAt) {
        List<AlertEvent> out = new ArrayList<>();
        if (mapping.items() != null) {
            JsonNode items = body.at(mapping.items());
            if (!items.isArray()) {
                throw new IngestException(
                        items.isMissingNode() ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_TYPE,
                        mapping.items().toString(),
                        mapping.items() + " must be an array of alerts");
            }
            if (items.isEmpty()) {
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        mapping.items().toString(),
                        mapping.items() + " must not be empty");
            }
            for (int i = 0; i < items.size(); i++) {
                out.add(
                        one(
                                integration,
                                mapping,
                                items.get(i),
                                mapping.items() + "/" + i,
                                receivedAt));
            }
        } else {
            out.add(one(integration, mapping, body, "", receivedAt));
        }
        return List.copyOf(out);
    }

    private AlertEvent one(
            String integration, GenericMapping m, JsonNode node, String base, Instant receivedAt) {
        String name = text(node, m.name(), base, true);
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.labels() != null) {
            JsonNode l = node.at(m.labels());
            if (!l.isMissingNode() && !l.isNull()) {
                labels.putAll(JsonFields.of(l, base + m.labels()).asFlatMap());
            }
        }
        String service = text(node, m.service(), base, false);
        String environment = text(node, m.environment(), base, false);
        String severity = text(node, m.severity(), base, false);
        String statusRaw = text(node, m.status(), base, false);
        AlertStatus status = AlertStatus.FIRING;
        if (statusRaw != null) {
            String s = statusRaw.trim().toLowerCase(Locale.ROOT);
            if (RESOLVED.contains(s)) {
                status = AlertStatus.RESOLVED;
            } else if (!FIRING.contains(s)) {
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        base + m.status(),
                        base
                                + m.status()
                                + " must be a firing word (firing, alerting, triggered, open, problem) or a resolved word (resolved, ok, closed, recovered)");
            }
        }
        Instant startsAt = time(node, m.startsAt(), base, receivedAt);
        Instant endsAt = time(node, m.endsAt(), base, receivedAt);
        Instant eventTime =
                status == AlertStatus.FIRING
                        ? (startsAt != null ? startsAt : receivedAt)
                        : (endsAt != null ? endsAt : receivedAt);
        String fingerprint = text(node, m.fingerprint(), base, false);
        if (fingerprint == null || fingerprint.isBlank()) {
            Map<String, String> identity = labels.isEmpty() ? new LinkedHashMap<>() : labels;
            if (labels.isEmpty()) {
                identity.put("alertname", name);
                if (service != null) {
                    identity.put("service", service);
                }
            }
            fingerprint = Fingerprints.ofLabels(identity);
        }
        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                SOURCE_PREFIX + integration,
                eventTime,
                receivedAt,
                fingerprint,
                status,
                name,
                service != null && !service.isBlank() ? service : labelMapping.service(labels),
                environment != null && !environment.isBlank()
                        ? environment
                        : labelMapping.environment(labels),
                severity != null ? Severity.fromLabel(severity) : labelMapping.severity(labels),
                Objects.requireNonNullElse(text(node, m.summary(), base, false), ""),
                labels,
                Map.of(),
                startsAt != null ? startsAt : eventTime,
                endsAt,
                "",
                "");
    }

    private static String text(JsonNode node, JsonPointer pointer, String base, boolean required) {
        if (pointer == null) {
            return null;
        }
        JsonNode v = node.at(pointer);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new IngestException(
                        ErrorCode.MISSING_FIELD,
                        base + pointer,
                        base + pointer + " is required by this integration's mapping");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw new IngestException(
                    ErrorCode.INVALID_TYPE,
                    base + pointer,
                    base + pointer + " must be a string or number");
        }
        String s = v.asText();
        if (required && s.isBlank()) {
            throw new IngestException(
                    ErrorCode.INVALID_VALUE, base + pointer, base + pointer + " must not be blank");
        }
        return s;
    }

    private static Instant time(
            JsonNode node, JsonPointer pointer, String base, Instant receivedAt) {
        String raw = text(node, pointer, base, false);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Instant t =
                Timestamps.parse(raw, receivedAt)
                        .orElseThrow(
                                () ->
                                        new IngestException(
                                                ErrorCode.INVALID_VALUE,
                                                base + pointer,
                                                base + pointer + " must be a timestamp"));
        return Rfc3339.isGoZero(t) ? null : t;
    }
}
