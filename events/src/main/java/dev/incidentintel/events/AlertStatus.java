package dev.incidentintel.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether an alert notification says the alert is firing or has resolved. */
public enum AlertStatus {
    FIRING,
    RESOLVED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code firing} / {@code resolved} in any case; rejects anything else. */
    @JsonCreator
    public static AlertStatus parse(String raw) {
        if (raw != null) {
            switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "firing":
                    return FIRING;
                case "resolved":
                    return RESOLVED;
                default:
                    break;
            }
        }
        throw new InvalidEventException(
                "status", "status must be 'firing' or 'resolved', got '" + raw + "'");
    }
}
