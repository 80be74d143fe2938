package dev.incidentintel.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Support tier that holds an incident: L1 (first contact), L2, L3 (engineering). */
public enum Tier {
    L1,
    L2,
    L3;

    @JsonValue
    public String json() {
        return name();
    }

    /** Parses {@code L1}..{@code L3} in any case. */
    @JsonCreator
    public static Tier parse(String raw) {
        if (raw != null) {
            for (Tier t : values()) {
                if (t.name().equalsIgnoreCase(raw.trim())) {
                    return t;
                }
            }
        }
        throw new InvalidEventException("tier", "tier must be L1, L2 or L3, got '" + raw + "'");
    }
}
