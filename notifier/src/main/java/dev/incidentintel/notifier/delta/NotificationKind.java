package dev.incidentintel.notifier.delta;

import java.util.Locale;

/**
 * What a notification announces: an incident opened, changed materially, resolved, or (per channel)
 * a digest of notifications held back by the channel's rate limit.
 */
public enum NotificationKind {
    OPEN,
    UPDATE,
    RESOLVE,
    DIGEST;

    /** The lower-case name used in JSON and ClickHouse. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #json()}'s form. */
    public static NotificationKind parse(String raw) {
        return valueOf(raw.strip().toUpperCase(Locale.ROOT));
    }
}
