package dev.incidentintel.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a person (or a paging or ticketing tool on their behalf) did to an incident or alert. {@code
 * OPEN} and {@code CLOSE} come from ticketing systems (e.g. a replayed ServiceNow log) whose
 * incidents are imported rather than made by the correlation job.
 */
public enum LifecycleAction {
    OPEN,
    ACK,
    UNACK,
    ASSIGN,
    ESCALATE,
    MITIGATE,
    RESOLVE,
    REOPEN,
    COMMENT,
    CLOSE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an action name in any case; rejects unknown actions naming the field. */
    @JsonCreator
    public static LifecycleAction parse(String raw) {
        if (raw != null) {
            for (LifecycleAction a : values()) {
                if (a.name().equalsIgnoreCase(raw.trim())) {
                    return a;
                }
            }
        }
        throw new InvalidEventException("action", "unknown lifecycle action '" + raw + "'");
    }
}
