package dev.incidentintel.events;

import java.time.Instant;
import java.util.Map;

/**
 * One log line in canonical form. {@code templateId} is empty until the correlation job's template
 * miner has tagged the line; {@code attributes} keeps the extra fields of structured logs.
 */
public record LogEvent(
        int schemaVersion,
        String source,
        Instant eventTime,
        Instant receivedAt,
        String service,
        String environment,
        String host,
        String level,
        String message,
        Map<String, String> attributes,
        String templateId) {

    /** Current version of the JSON layout written by this code. */
    public static final int SCHEMA_VERSION = 1;

    public LogEvent {
        if (schemaVersion <= 0) {
            schemaVersion = SCHEMA_VERSION;
        }
        Checks.requiredText(source, "source");
        Checks.required(eventTime, "eventTime");
        receivedAt = receivedAt == null ? eventTime : receivedAt;
        Checks.requiredText(service, "service");
        environment = environment == null || environment.isBlank() ? "unknown" : environment;
        host = Checks.textOrEmpty(host);
        level = Checks.textOrEmpty(level);
        Checks.required(message, "message");
        attributes = Checks.sortedCopy(attributes);
        templateId = Checks.textOrEmpty(templateId);
    }

    /** The Kafka key: the service scope, so one service's logs stay ordered in one partition. */
    public String scopeKey() {
        return Scopes.serviceScope(environment, service);
    }
}
