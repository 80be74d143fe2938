package dev.incidentintel.notifier.routing;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-off period during which notifications about matching incidents are suppressed (planned work
 * that is expected to alert).
 *
 * @param name shown as the suppression reason
 * @param from start (inclusive)
 * @param to end (exclusive), after {@code from}
 * @param match incidents the window covers
 */
public record MaintenanceWindow(String name, Instant from, Instant to, RouteMatch match) {
    public MaintenanceWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(match, "match");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException(
                    "maintenance window '" + name + "': to " + to + " must be after from " + from);
        }
    }

    /** True when {@code now} lies inside the window. */
    public boolean covers(Instant now) {
        return !now.isBefore(from) && now.isBefore(to);
    }
}
