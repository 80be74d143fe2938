package dev.incidentintel.correlation.dedup;

/** What one notification meant for an alert that is already known. */
public enum DedupOutcome {
    /** Same alert still firing (Alertmanager re-sends firing alerts every repeat interval). */
    REPEAT,
    /** The alert had resolved and fires again with a later start: a flap. */
    REFIRED,
    /** The alert resolved. */
    RESOLVED,
    /** A resolve for an alert already resolved, or a stale firing re-sent after its resolve. */
    DUPLICATE
}
