package dev.incidentintel.correlation.correlate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the job keeps for one correlation scope: the incidents still open in it, and the
 * event-time timer currently registered for it. One instance per key of the Flink keyed state;
 * {@link IncidentCorrelator} changes it, the Flink function stores it or clears it when empty.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
public final class ScopeState {
  private List<OpenIncident> open = new ArrayList<>();
  private Long timerAt;

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
    for (OpenIncident incident : open) {
      if (incident.holds(fingerprint)) {
        return Optional.of(incident);
      }
    }
    return Optional.empty();
  }

  void add(OpenIncident incident) {
    open.add(incident);
  }

  void remove(OpenIncident incident) {
    for (Iterator<OpenIncident> it = open.iterator(); it.hasNext(); ) {
      if (it.next().id().equals(incident.id())) {
        it.remove();
        return;
      }
    }
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
    return open.stream().map(i -> expiresAt(i, options)).min(Instant::compareTo);
  }

  static Instant expiresAt(OpenIncident incident, GroupingOptions options) {
    if (incident.held()) {
      CreationGate.Rule rule = options.gate().ruleFor(incident.severity());
      if (rule != null) {
        return incident.detectedAt().plus(rule.within()); // when the gate opens it at the latest
      }
    }
    return incident.isOpen()
        ? incident.lastActivity().plus(options.staleAfter())
        : incident.resolvedAt().plus(options.reopenWindow());
  }
}
