package dev.incidentintel.correlation.lifecycle;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the lifecycle stage.
 *
 * @param retention how long after an incident resolved, closed or went stale its lifecycle state is
 *     kept for late steps (a ticket is often closed days after it was resolved)
 * @param pendingTimeout how long a step for an incident not seen yet is kept waiting for it
 */
public record LifecycleOptions(Duration retention, Duration pendingTimeout)
        implements Serializable {

    public LifecycleOptions {
        if (retention == null
                || retention.isNegative()
                || pendingTimeout == null
                || pendingTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "retention and pendingTimeout must be non-negative durations");
        }
    }

    /** Seven days of retention; one hour for early steps. */
    public static LifecycleOptions defaults() {
        return new LifecycleOptions(Duration.ofDays(7), Duration.ofHours(1));
    }
}
