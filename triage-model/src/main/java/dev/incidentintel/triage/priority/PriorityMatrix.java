package dev.incidentintel.triage.priority;

import java.util.Optional;

/**
 * The ITIL impact x urgency matrix, the rule layer of priority:
 *
 * <pre>
 *                 urgency HIGH  MEDIUM  LOW
 *   impact HIGH           P1    P2      P3
 *          MEDIUM         P2    P3      P4
 *          LOW            P3    P4      P5
 * </pre>
 *
 * i.e. priority rank = impact rank + urgency rank - 1. The model only supplies impact and urgency
 * when the input does not state them; the rule itself is never learned.
 */
public final class PriorityMatrix {
    private PriorityMatrix() {}

    public static Priority priority(Level impact, Level urgency) {
        if (impact == null || urgency == null) {
            throw new IllegalArgumentException(
                    "impact and urgency are required: " + impact + "/" + urgency);
        }
        return Priority.values()[impact.rank() + urgency.rank() - 2];
    }

    /** The priority when both texts parse as levels, else empty. */
    public static Optional<Priority> priority(String impact, String urgency) {
        Optional<Level> i = Level.parse(impact);
        Optional<Level> u = Level.parse(urgency);
        return i.isPresent() && u.isPresent()
                ? Optional.of(priority(i.get(), u.get()))
                : Optional.empty();
    }
}
