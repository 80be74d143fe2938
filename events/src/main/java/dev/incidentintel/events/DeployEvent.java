package dev.incidentintel.events;

import java.time.Instant;

/** A deploy of one service version to one environment; candidates for "what changed". */
public record DeployEvent(
        int schemaVersion,
        String source,
        Instant eventTime,
        String service,
        String environment,
        String version,
        String commit,
        DeployStatus status,
        String url) {

    /** Current version of the JSON layout written by this code. */
    public static final int SCHEMA_VERSION = 1;

    public DeployEvent {
        if (schemaVersion <= 0) {
            schemaVersion = SCHEMA_VERSION;
        }
        Checks.requiredText(source, "source");
        Checks.required(eventTime, "eventTime");
        Checks.requiredText(service, "service");
        Checks.requiredText(environment, "environment");
        Checks.required(status, "status");
        version = Checks.textOrEmpty(version);
        commit = Checks.textOrEmpty(commit);
        url = Checks.textOrEmpty(url);
    }
}
