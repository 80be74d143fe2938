package dev.incidentintel.triage.priority;

import java.util.Locale;
import java.util.Optional;

/** ITIL priority, P1 (critical) to P5 (planning). */
public enum Priority {
    P1,
    P2,
    P3,
    P4,
    P5;

    /** 1 for P1 .. 5 for P5. */
    public int rank() {
        return ordinal() + 1;
    }

    /** "P1".."P5" (any case, surrounding blanks ignored); empty for anything else. */
    public static Optional<Priority> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Priority p : values()) {
            if (p.name().equals(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
