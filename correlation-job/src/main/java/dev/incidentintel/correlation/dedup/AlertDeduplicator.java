package dev.incidentintel.correlation.dedup;

import dev.incidentintel.events.AlertEvent;

/**
 * Decides what a notification means for an alert that is already a member of an incident, and
 * applies it to the member. Identity is the fingerprint; a firing notification whose start is not
 * after the member's resolve time is an old notification delivered late (Alertmanager repeats keep
 * the original {@code startsAt}), not a new firing. A re-fire within the flap window of the resolve
 * flags the alert as flapping.
 */
public final class AlertDeduplicator {
    private final java.time.Duration flapWindow;

    /**
     * @param flapWindow a re-fire within this long of the resolve flags the alert as flapping
     */
    public AlertDeduplicator(java.time.Duration flapWindow) {
        this.flapWindow = flapWindow;
    }

    /** Applies {@code alert} (same fingerprint as {@code member}) and says what it was. */
    public DedupOutcome apply(MemberAlert member, AlertEvent alert) {
        member.countNotification();
        if (alert.firing()) {
            if (member.firing()) {
                member.raiseSeverity(alert.severity());
                return DedupOutcome.REPEAT;
            }
            if (alert.startsAt().isAfter(member.resolvedAt())) {
                member.refire(alert.startsAt(), alert.severity(), flapWindow);
                return DedupOutcome.REFIRED;
            }
            return DedupOutcome.DUPLICATE;
        }
        if (member.firing()) {
            member.resolve(alert.eventTime());
            return DedupOutcome.RESOLVED;
        }
        return DedupOutcome.DUPLICATE;
    }
}
