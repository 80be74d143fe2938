package dev.incidentintel.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Outcome of a deploy as reported by the delivery system. */
public enum DeployStatus {
    STARTED,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a status name in any case ({@code rolled_back} or {@code rolled-back}). */
    @JsonCreator
    public static DeployStatus parse(String raw) {
        if (raw != null) {
            String norm = raw.trim().replace('-', '_');
            for (DeployStatus s : values()) {
                if (s.name().equalsIgnoreCase(norm)) {
                    return s;
                }
            }
        }
        throw new InvalidEventException("status", "unknown deploy status '" + raw + "'");
    }
}
