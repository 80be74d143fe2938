package dev.incidentintel.correlation.lifecycle;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.LifecycleEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What the lifecycle stage keeps per incident: the latest snapshot it emitted (which already
 * carries every lifecycle field), how many versions it emitted, and lifecycle steps that arrived
 * before their incident. Mutable; lives in Flink keyed state (key: incident id).
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class IncidentLifecycle {
    private Incident latest;
    private long emitted;
    private List<LifecycleEvent> pending = new ArrayList<>();
    private Long timerAt;

    /** A deep copy (the snapshot and the pending steps are immutable records; the list is new). */
    public IncidentLifecycle copy() {
        IncidentLifecycle c = new IncidentLifecycle();
        c.latest = latest;
        c.emitted = emitted;
        c.pending = new ArrayList<>(pending);
        c.timerAt = timerAt;
        return c;
    }

    /** The latest snapshot emitted for this incident, or {@code null} when none yet. */
    public Incident latest() {
        return latest;
    }

    void latest(Incident incident) {
        this.latest = incident;
    }

    long nextVersion() {
        return ++emitted;
    }

    /** Lifecycle steps waiting for their incident to appear. */
    public List<LifecycleEvent> pending() {
        return pending;
    }

    /** Event time (epoch ms) of the registered clean-up timer, or {@code null}. */
    public Long timerAt() {
        return timerAt;
    }

    public void timerAt(Long timestamp) {
        this.timerAt = timestamp;
    }
}
