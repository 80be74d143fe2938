package dev.incidentintel.notifier.delta;

import java.util.Objects;

/**
 * One change with a human sentence saying what changed, e.g. {@code priority P3 -> P1}.
 *
 * @param change the kind of change
 * @param description what changed, for people
 */
public record ChangeDetail(Change change, String description) {
    public ChangeDetail {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(description, "description");
    }
}
