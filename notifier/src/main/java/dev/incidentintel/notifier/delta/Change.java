package dev.incidentintel.notifier.delta;

import java.util.Locale;

/**
 * A change worth telling people about. {@link #OPENED} and {@link #RESOLVED} are always notified;
 * the others only when listed in the configured material set ({@link DeltaPolicy}).
 */
public enum Change {
    OPENED,
    REOPENED,
    PRIORITY_RAISED,
    SEVERITY_RAISED,
    SERVICE_ADDED,
    SUSPECT_DEPLOY_FOUND,
    RESOLVED;

    /** The lower-case name used in configuration, JSON and ClickHouse. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a change name in any case, with {@code -} or {@code _}. */
    public static Change parse(String raw) {
        String name = raw == null ? "" : raw.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Change c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown change '"
                        + raw
                        + "'; one of "
                        + java.util.Arrays.stream(values()).map(Change::json).toList());
    }
}
