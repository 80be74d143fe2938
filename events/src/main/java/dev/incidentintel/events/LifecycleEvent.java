package dev.incidentintel.events;

import java.time.Instant;

/**
 * A human step in an incident's life (acknowledge, assign, escalate, mitigate, resolve, ...). It
 * refers to an incident id, an alert fingerprint, or both; the correlation job resolves a
 * fingerprint to the incident holding that alert. This is how MTTA and escalation are known.
 */
public record LifecycleEvent(
        int schemaVersion,
        String source,
        Instant eventTime,
        String incidentId,
        String alertFingerprint,
        LifecycleAction action,
        String actor,
        String team,
        Tier tier,
        String note,
        java.util.Map<String, String> attributes) {

    /** Current version of the JSON layout written by this code. */
    public static final int SCHEMA_VERSION = 1;

    public LifecycleEvent {
        if (schemaVersion <= 0) {
            schemaVersion = SCHEMA_VERSION;
        }
        Checks.requiredText(source, "source");
        Checks.required(eventTime, "eventTime");
        Checks.required(action, "action");
        boolean noIncident = incidentId == null || incidentId.isBlank();
        boolean noAlert = alertFingerprint == null || alertFingerprint.isBlank();
        if (noIncident && noAlert) {
            throw new InvalidEventException(
                    "incidentId", "a lifecycle event needs an incidentId or an alertFingerprint");
        }
        actor = Checks.textOrEmpty(actor);
        team = Checks.textOrEmpty(team);
        note = Checks.textOrEmpty(note);
        attributes = Checks.sortedCopy(attributes);
    }
}
