package dev.incidentintel.correlation.correlate;

import dev.incidentintel.events.IncidentUpdate;
import java.util.List;

/**
 * The result of one correlation step: the incident updates to emit (possibly none) and what the
 * step was, for metrics. The state passed to the correlator has already been changed accordingly.
 */
public record Decision(Outcome outcome, List<IncidentUpdate> updates) {

    /** What a step did, one counter each in the Flink job. */
    public enum Outcome {
        OPENED,
        JOINED,
        /** Opened or joined an incident whose creation is still gated: nothing emitted yet. */
        HELD,
        REPEAT,
        FLAPPED,
        MEMBER_RESOLVED,
        INCIDENT_RESOLVED,
        REOPENED,
        DUPLICATE,
        ORPHAN_RESOLVE,
        STALE_CLOSED,
        NOTHING
    }

    public Decision {
        updates = List.copyOf(updates);
    }

    static Decision of(Outcome outcome, IncidentUpdate... updates) {
        return new Decision(outcome, List.of(updates));
    }
}
