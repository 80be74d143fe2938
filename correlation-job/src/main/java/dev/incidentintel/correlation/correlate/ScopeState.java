package dev.incidentintel.correlation.correlate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.incidentintel.correlation.dedup.MemberAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the job keeps for one correlation scope: the incidents still open in it, and the
 * event-time timer currently registered for it. One instance per key of the Flink keyed state;
 * {@link IncidentCorrelator} changes it, the Flink function stores it or clears it when empty.
 *
 * <p>Work per alert does not grow with the number of incidents a scope tracks, except for the
 * attach score's candidate scan: the incident holding a fingerprint is found through an index (kept
 * in memory, rebuilt from the list after a restore), and the next expiry is kept as a lower bound
 * ({@link #nextCheck()}) that the correlator lowers when it touches an incident and makes exact
 * whenever it scans the whole list anyway (a timer, or an alert past the bound).
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class ScopeState {
    private List<OpenIncident> open = new ArrayList<>();
    private Long timerAt;
    // Never later than the earliest expiry of a tracked incident; null when nothing is tracked.
    private Instant checkBy;
    @JsonIgnore private transient Map<String, OpenIncident> byFingerprint;

    /**
     * A deep copy sharing no mutable part with this state (the fingerprint index is rebuilt on
     * demand). Used by the job's state serializer instead of a JSON round trip.
     */
    public ScopeState copy() {
        ScopeState c = new ScopeState();
        c.open = new ArrayList<>(open.size());
        for (OpenIncident incident : open) {
            c.open.add(incident.copy());
        }
        c.timerAt = timerAt;
        c.checkBy = checkBy;
        return c;
    }

    /** Tracked incidents (open, or resolved within their reopen window), oldest first. */
    public List<OpenIncident> open() {
        return open;
    }

    /** True when nothing is tracked any more: the state entry can be dropped. */
    public boolean isEmpty() {
        return open.isEmpty();
    }

    /** The open incident holding this fingerprint, if any. */
    public Optional<OpenIncident> holding(String fingerprint) {
        OpenIncident incident = index().get(fingerprint);
        return incident != null && incident.holds(fingerprint)
                ? Optional.of(incident)
                : Optional.empty();
    }

    private Map<String, OpenIncident> index() {
        if (byFingerprint == null) {
            byFingerprint = new HashMap<>();
            for (OpenIncident incident : open) {
                for (MemberAlert member : incident.members()) {
                    if (incident.holds(member.fingerprint())) {
                        byFingerprint.putIfAbsent(member.fingerprint(), incident);
                    }
                }
            }
        }
        return byFingerprint;
    }

    void add(OpenIncident incident) {
        open.add(incident);
    }

    /** Records that {@code incident} now holds {@code fingerprint} (it added the member). */
    void holds(OpenIncident incident, String fingerprint) {
        index().put(fingerprint, incident);
    }

    /** Records that {@code incident} let go of {@code fingerprint}. */
    void released(OpenIncident incident, String fingerprint) {
        index().remove(fingerprint, incident);
    }

    void remove(OpenIncident incident) {
        for (Iterator<OpenIncident> it = open.iterator(); it.hasNext(); ) {
            OpenIncident tracked = it.next();
            if (tracked == incident || tracked.id().equals(incident.id())) {
                it.remove();
                Map<String, OpenIncident> index = index();
                for (MemberAlert member : tracked.members()) {
                    index.remove(member.fingerprint(), tracked);
                }
                return;
            }
        }
    }

    /**
     * When the scope must be looked at again at the latest: never later than the earliest expiry of
     * a tracked incident (see {@link #nextStaleCheck}), possibly earlier. Empty when nothing is
     * tracked.
     */
    public Optional<Instant> nextCheck() {
        return open.isEmpty() ? Optional.empty() : Optional.ofNullable(checkBy);
    }

    /** Lowers {@link #nextCheck()} to the incident's expiry if that is earlier (it changed). */
    void touched(OpenIncident incident, GroupingOptions options) {
        Instant expiry = expiresAt(incident, options);
        if (checkBy == null || expiry.isBefore(checkBy)) {
            checkBy = expiry;
        }
    }

    /** Makes {@link #nextCheck()} exact: the earliest expiry of a tracked incident. */
    void recomputeCheck(GroupingOptions options) {
        checkBy = nextStaleCheck(options).orElse(null);
    }

    /** Event time (epoch ms) of the timer registered for this scope, or {@code null}. */
    public Long timerAt() {
        return timerAt;
    }

    /** Records which timer the Flink function has registered. */
    public void timerAt(Long timestamp) {
        this.timerAt = timestamp;
    }

    /**
     * The next moment something expires: a held incident's gate wait ending, an open incident going
     * stale, or a resolved one leaving its reopen window. Empty when nothing is tracked.
     */
    public Optional<Instant> nextStaleCheck(GroupingOptions options) {
        Instant earliest = null;
        for (OpenIncident incident : open) {
            Instant expiry = expiresAt(incident, options);
            if (earliest == null || expiry.isBefore(earliest)) {
                earliest = expiry;
            }
        }
        return Optional.ofNullable(earliest);
    }

    static Instant expiresAt(OpenIncident incident, GroupingOptions options) {
        if (incident.held()) {
            CreationGate.Rule rule = options.gate().ruleFor(incident.severity());
            if (rule != null) {
                return incident.detectedAt()
                        .plus(rule.within()); // when the gate opens it at the latest
            }
        }
        return incident.isOpen()
                ? incident.lastActivity().plus(options.staleAfter())
                : incident.resolvedAt().plus(options.reopenWindow());
    }
}
