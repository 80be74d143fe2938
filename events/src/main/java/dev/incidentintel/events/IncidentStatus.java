package dev.incidentintel.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * State of an incident. {@code STALE} means no member alert signalled for the configured stale
 * period while some were still firing: the job stopped tracking it, it never resolved, and KPIs
 * count it as unresolved (never as a zero duration).
 */
public enum IncidentStatus {
    OPEN,
    RESOLVED,
    STALE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a status name in any case. */
    @JsonCreator
    public static IncidentStatus parse(String raw) {
        if (raw != null) {
            for (IncidentStatus s : values()) {
                if (s.name().equalsIgnoreCase(raw.trim())) {
                    return s;
                }
            }
        }
        throw new InvalidEventException("status", "unknown incident status '" + raw + "'");
    }
}
