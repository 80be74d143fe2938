package dev.incidentintel.events;

import java.time.Instant;
import java.util.Map;

/**
 * Why one alert belongs to one incident. Written once when the alert joins; {@code reason} is a
 * short machine-readable code ({@code opened}, {@code same-scope-within-gap}, ...) and {@code
 * scoreComponents} holds each measured quantity that led to the decision (for example {@code
 * gapSeconds}), so an on-call engineer can see why two alerts were grouped.
 */
public record IncidentAlertLink(
        int schemaVersion,
        String incidentId,
        String fingerprint,
        String alertName,
        String service,
        String environment,
        Instant linkedAt,
        String reason,
        Map<String, Double> scoreComponents) {

    /** Current version of the JSON layout written by this code. */
    public static final int SCHEMA_VERSION = 1;

    public IncidentAlertLink {
        if (schemaVersion <= 0) {
            schemaVersion = SCHEMA_VERSION;
        }
        Checks.requiredText(incidentId, "incidentId");
        Checks.requiredText(fingerprint, "fingerprint");
        Checks.requiredText(alertName, "alertName");
        Checks.requiredText(service, "service");
        Checks.requiredText(environment, "environment");
        Checks.required(linkedAt, "linkedAt");
        Checks.requiredText(reason, "reason");
        scoreComponents =
                scoreComponents == null
                        ? Map.of()
                        : Map.copyOf(new java.util.TreeMap<>(scoreComponents));
    }
}
