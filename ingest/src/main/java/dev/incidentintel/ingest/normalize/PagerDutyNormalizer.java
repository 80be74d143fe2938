package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.fingerprint.Fingerprints;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * PagerDuty Events API v2 ({@code /v2/enqueue}) and Change Events ({@code /v2/change/enqueue}), so
 * an existing PagerDuty integration works by changing only its URL.
 *
 * <p>Alert events: {@code routing_key} and {@code event_action} ({@code trigger}, {@code
 * acknowledge}, {@code resolve}) are required. A trigger needs {@code payload.summary}, {@code
 * payload.source} and {@code payload.severity} (critical, error, warning, info) and becomes a
 * firing {@link AlertEvent}: fingerprint = {@code dedup_key} verbatim, or when absent the
 * documented fingerprint of the payload's identifying fields (summary, source, component, group,
 * class), which PagerDuty also returns so the sender can resolve later; name = {@code
 * payload.class}, else the summary; event time = {@code payload.timestamp}, else the receive time;
 * labels = {@code source}, {@code component}, {@code group}, {@code class}, {@code severity} plus
 * the scalar {@code custom_details} (nested ones as JSON text); service and environment from the
 * {@link LabelMapping} over those labels (so a {@code custom_details.service} wins, then {@code
 * component}, then {@code source} via the {@code host} fallback). Acknowledge and resolve need
 * {@code dedup_key} and become {@link LifecycleEvent}s ({@code ack}, {@code resolve}) on that alert
 * fingerprint at the receive time; PagerDuty's resolve carries no labels, so no alert event can be
 * built for it.
 *
 * <p>Change events need {@code routing_key} and {@code payload.summary}; they become a succeeded
 * {@link DeployEvent}: service = {@code custom_details.service}, else {@code payload.source};
 * environment = {@code custom_details.environment}/{@code env}, else {@code unknown}; version and
 * commit from {@code custom_details.version} / {@code commit} / {@code sha}; url = first {@code
 * links[].href}; time = {@code payload.timestamp}, else the receive time.
 */
public final class PagerDutyNormalizer {
    /** Value of {@code source} on events from this normaliser. */
    public static final String SOURCE = "pagerduty";

    /** PagerDuty's limit for a dedup key. */
    public static final int MAX_DEDUP_KEY = 255;

    private final LabelMapping mapping;

    public PagerDutyNormalizer(LabelMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** What an enqueue request normalised into, with the routing key that authenticates it. */
    public record Enqueue(String routingKey, String dedupKey, Normalized events) {}

    /** Reads only the routing key, so authentication can run before the body is judged further. */
    public static String routingKey(JsonNode body) {
        return JsonFields.root(body).requiredText("routing_key");
    }

    /** Normalises one Events API v2 event. */
    public Enqueue event(JsonNode body, Instant receivedAt) {
        JsonFields root = JsonFields.root(body);
        String routingKey = root.requiredText("routing_key");
        String action = root.requiredText("event_action").trim().toLowerCase(Locale.ROOT);
        String dedupKey = root.optionalText("dedup_key").filter(k -> !k.isBlank()).orElse(null);
        if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            throw new IngestException(
                    ErrorCode.INVALID_VALUE,
                    root.path("dedup_key"),
                    "dedup_key must be at most " + MAX_DEDUP_KEY + " characters");
        }
        switch (action) {
            case "trigger":
                return trigger(root, routingKey, dedupKey, receivedAt);
            case "acknowledge":
            case "resolve":
                if (dedupKey == null) {
                    throw new IngestException(
                            ErrorCode.MISSING_FIELD,
                            root.path("dedup_key"),
                            "dedup_key is required for event_action " + action);
                }
                LifecycleEvent event =
                        new LifecycleEvent(
                                LifecycleEvent.SCHEMA_VERSION,
                                SOURCE,
                                receivedAt,
                                null,
                                dedupKey,
                                action.equals("resolve")
                                        ? LifecycleAction.RESOLVE
                                        : LifecycleAction.ACK,
                                "",
                                "",
                                null,
                                "",
                                Map.of());
                return new Enqueue(routingKey, dedupKey, Normalized.ofLifecycle(List.of(event)));
            default:
                throw new IngestException(
                        ErrorCode.INVALID_VALUE,
                        root.path("event_action"),
                        "event_action must be trigger, acknowledge or resolve");
        }
    }

    private Enqueue trigger(
            JsonFields root, String routingKey, String dedupKey, Instant receivedAt) {
        JsonFields payload = root.requiredObject("payload");
        String summary = payload.requiredText("summary");
        String source = payload.requiredText("source");
        String severityRaw = payload.requiredText("severity").trim().toLowerCase(Locale.ROOT);
        Severity severity;
        switch (severityRaw) {
            case "critical" -> severity = Severity.CRITICAL;
            case "error" -> severity = Severity.ERROR;
            case "warning" -> severity = Severity.WARNING;
            case "info" -> severity = Severity.INFO;
            default ->
                    throw new IngestException(
                            ErrorCode.INVALID_VALUE,
                            payload.path("severity"),
                            "payload.severity must be critical, error, warning or info");
        }
        Instant eventTime =
                payload.optionalText("timestamp")
                        .map(t -> time(t, payload.path("timestamp"), receivedAt))
                        .orElse(receivedAt);
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("summary", summary);
        identity.put("source", source);
        payload.optionalScalar("component").ifPresent(v -> identity.put("component", v));
        payload.optionalScalar("group").ifPresent(v -> identity.put("group", v));
        payload.optionalScalar("class").ifPresent(v -> identity.put("class", v));
        String fingerprint = dedupKey != null ? dedupKey : Fingerprints.ofLabels(identity);

        Map<String, String> labels = new LinkedHashMap<>();
        payload.optionalObject("custom_details").ifPresent(d -> labels.putAll(d.asFlatMap()));
        identity.forEach(
                (k, v) -> {
                    if (!k.equals("summary")) {
                        labels.put(k, v);
                    }
                });
        labels.put("severity", severityRaw);
        labels.putIfAbsent("host", source);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        root.optionalScalar("client").ifPresent(v -> annotations.put("client", v));
        root.optionalScalar("client_url").ifPresent(v -> annotations.put("client_url", v));
        String generatorUrl = root.optionalScalar("client_url").orElse("");
        String name = identity.getOrDefault("class", summary);

        AlertEvent alert =
                new AlertEvent(
                        AlertEvent.SCHEMA_VERSION,
                        SOURCE,
                        eventTime,
                        receivedAt,
                        fingerprint,
                        AlertStatus.FIRING,
                        name,
                        mapping.service(labels),
                        mapping.environment(labels),
                        severity,
                        summary,
                        labels,
                        annotations,
                        eventTime,
                        null,
                        generatorUrl,
                        dedupKey == null ? "" : dedupKey);
        return new Enqueue(routingKey, fingerprint, Normalized.ofAlerts(List.of(alert)));
    }

    /** Normalises one Change Events API event into a deploy event. */
    public Enqueue change(JsonNode body, Instant receivedAt) {
        JsonFields root = JsonFields.root(body);
        String routingKey = root.requiredText("routing_key");
        JsonFields payload = root.requiredObject("payload");
        String summary = payload.requiredText("summary");
        Instant eventTime =
                payload.optionalText("timestamp")
                        .map(t -> time(t, payload.path("timestamp"), receivedAt))
                        .orElse(receivedAt);
        Map<String, String> details =
                payload.optionalObject("custom_details")
                        .map(JsonFields::asFlatMap)
                        .orElse(Map.of());
        String service = first(details, "service", "app", "application");
        if (service == null) {
            service = payload.optionalScalar("source").orElse(null);
        }
        if (service == null || service.isBlank()) {
            throw new IngestException(
                    ErrorCode.MISSING_FIELD,
                    payload.path("source"),
                    "payload.source or payload.custom_details.service is required to know which service changed");
        }
        String environment = first(details, "environment", "env", "stage");
        String url = "";
        JsonNode links = root.optionalArray("links").orElse(null);
        if (links != null
                && !links.isEmpty()
                && links.get(0).isObject()
                && links.get(0).path("href").isTextual()) {
            url = links.get(0).path("href").textValue();
        }
        DeployEvent deploy =
                new DeployEvent(
                        DeployEvent.SCHEMA_VERSION,
                        SOURCE,
                        eventTime,
                        service,
                        environment == null ? LabelMapping.UNKNOWN : environment,
                        orEmpty(first(details, "version", "release", "tag")),
                        orEmpty(first(details, "commit", "sha", "revision")),
                        DeployStatus.SUCCEEDED,
                        url);
        return new Enqueue(routingKey, null, Normalized.ofDeploys(List.of(deploy)));
    }

    private static String first(Map<String, String> map, String... keys) {
        for (String key : keys) {
            String v = map.get(key);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static Instant time(String raw, String path, Instant reference) {
        return Timestamps.parse(raw, reference)
                .orElseThrow(
                        () ->
                                new IngestException(
                                        ErrorCode.INVALID_VALUE,
                                        path,
                                        path + " must be an ISO 8601 timestamp"));
    }
}
