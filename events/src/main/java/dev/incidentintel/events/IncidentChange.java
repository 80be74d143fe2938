package dev.incidentintel.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to an incident in one {@link IncidentUpdate}. */
public enum IncidentChange {
    OPENED,
    ALERT_ADDED,
    ALERT_UPDATED,
    RESOLVED,
    REOPENED,
    /** A person acknowledged, assigned, escalated, mitigated, commented, resolved or closed it. */
    LIFECYCLE,
    STALE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a change name in any case. */
    @JsonCreator
    public static IncidentChange parse(String raw) {
        if (raw != null) {
            for (IncidentChange c : values()) {
                if (c.name().equalsIgnoreCase(raw.trim())) {
                    return c;
                }
            }
        }
        throw new InvalidEventException("change", "unknown incident change '" + raw + "'");
    }
}
