package dev.incidentintel.events;

import java.time.Instant;
import java.util.Map;

/**
 * One alert notification in canonical form: what a monitoring system said about one alert at one
 * moment. The same alert (same {@link #fingerprint}) is notified many times while it fires and once
 * more when it resolves; deduplication happens in the correlation job, not here.
 *
 * <p>{@code eventTime} is when the notified state began: {@code startsAt} for a firing alert,
 * {@code endsAt} (or the receive time when the source gives none) for a resolved one. {@code
 * endsAt} is {@code null} when the source did not say. {@code source} names the input format
 * ({@code alertmanager}, {@code grafana}, ...); {@code rawId} is the upstream identifier of the
 * notification when there is one (for Alertmanager, the {@code groupKey}).
 */
public record AlertEvent(
        int schemaVersion,
        String source,
        Instant eventTime,
        Instant receivedAt,
        String fingerprint,
        AlertStatus status,
        String name,
        String service,
        String environment,
        Severity severity,
        String summary,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl,
        String rawId) {

    /** Current version of the JSON layout written by this code. */
    public static final int SCHEMA_VERSION = 1;

    public AlertEvent {
        if (schemaVersion <= 0) {
            schemaVersion = SCHEMA_VERSION;
        }
        Checks.requiredText(source, "source");
        Checks.required(eventTime, "eventTime");
        Checks.requiredText(fingerprint, "fingerprint");
        Checks.required(status, "status");
        Checks.requiredText(name, "name");
        Checks.requiredText(service, "service");
        Checks.requiredText(environment, "environment");
        severity = severity == null ? Severity.UNKNOWN : severity;
        summary = Checks.textOrEmpty(summary);
        labels = Checks.sortedCopy(labels);
        annotations = Checks.sortedCopy(annotations);
        startsAt = startsAt == null ? eventTime : startsAt;
        receivedAt = receivedAt == null ? eventTime : receivedAt;
        generatorUrl = Checks.textOrEmpty(generatorUrl);
        rawId = Checks.textOrEmpty(rawId);
    }

    /** True when this notification says the alert is firing. */
    public boolean firing() {
        return status == AlertStatus.FIRING;
    }

    /** The Kafka key of the alert: its correlation scope, so one scope stays in one partition. */
    public String scopeKey() {
        return Scopes.serviceScope(environment, service);
    }
}
