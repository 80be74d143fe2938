package dev.incidentintel.correlation.dedup;

import dev.incidentintel.events.AlertEvent;

/**
 * Decides what a notification means for an alert that is already a member of an incident, and
 * applies it to the member. Identity is the fingerprint; a firing notification whose start is not
 * after the member's resolve time is an old notification delivered late (Alertmanager repeats keep
 * the original {@code startsAt}), not a new firing.
 */
public final class AlertDeduplicator {

  /** Applies {@code alert} (same fingerprint as {@code member}) and says what it was. */
  public DedupOutcome apply(MemberAlert member, AlertEvent alert) {
    member.countNotification();
    if (alert.firing()) {
      if (member.firing()) {
        member.raiseSeverity(alert.severity());
        return DedupOutcome.REPEAT;
      }
      if (alert.startsAt().isAfter(member.resolvedAt())) {
        member.refire(alert.startsAt(), alert.severity());
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
