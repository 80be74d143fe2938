package dev.incidentintel.correlation.lifecycle;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges what people did (lifecycle steps) with what the alerts did (correlator updates) into the
 * one incident snapshot that is stored and published. Pure: it changes the {@link
 * IncidentLifecycle} it is given and returns the updates to emit.
 *
 * <p>Rules (timestamp model in docs/METRICS.md):
 *
 * <ul>
 *   <li>Every emitted snapshot gets the next version of this stage, so versions grow across both
 *       inputs.
 *   <li>{@code ack} sets {@code acknowledgedAt} and {@code mitigate} sets {@code mitigatedAt} the
 *       first time only (MTTA is time to first acknowledgement); {@code unack} and {@code comment}
 *       change no timestamp and emit nothing.
 *   <li>{@code assign} sets the team (and tier when given, L1 otherwise when none is set yet);
 *       {@code escalate} counts an escalation and sets the given tier, else the next tier up.
 *   <li>{@code resolve} resolves the incident at the step's time even if alerts still fire; an
 *       alert update that reopens it clears that. {@code reopen} reopens it. {@code close} sets
 *       {@code closedAt} (and resolves at the same time if it was not resolved).
 *   <li>{@code open} from a ticketing source imports an incident the job did not make: id, title,
 *       service, environment, priority, category and team come from the step's attributes; it is
 *       detected (and its impact starts) at the step's time.
 *   <li>A step for an incident not seen yet waits (up to the pending timeout) and is applied when
 *       the incident appears.
 * </ul>
 */
public final class LifecycleApplier {

    /** Applies a correlator update: lifecycle fields already known are carried over. */
    public List<IncidentUpdate> onIncidentUpdate(IncidentLifecycle state, IncidentUpdate update) {
        Incident incoming = update.incident();
        Incident prev = state.latest();
        Incident.Builder b = incoming.toBuilder();
        if (prev != null) {
            b.acknowledgedAt(prev.acknowledgedAt())
                    .mitigatedAt(prev.mitigatedAt())
                    .closedAt(prev.closedAt())
                    .team(prev.team())
                    .tier(prev.tier())
                    .escalations(prev.escalations())
                    .priority(prev.priority())
                    .category(prev.category())
                    .triageConfidence(prev.triageConfidence())
                    .reopenCount(Math.max(prev.reopenCount(), incoming.reopenCount()));
            boolean manuallyResolved =
                    prev.status() == IncidentStatus.RESOLVED
                            && incoming.status() == IncidentStatus.OPEN
                            && update.change() != IncidentChange.REOPENED;
            if (manuallyResolved) {
                // A person resolved it while alerts still fired; only a re-fire (reopen) undoes
                // that.
                b.status(IncidentStatus.RESOLVED).resolvedAt(prev.resolvedAt());
            }
        }
        List<IncidentUpdate> out = new ArrayList<>();
        out.add(emit(state, b, update.change(), update.newLinks()));
        out.addAll(drainPending(state));
        return out;
    }

    /** Applies a lifecycle step whose incident id is known. */
    public List<IncidentUpdate> onLifecycle(IncidentLifecycle state, LifecycleEvent step) {
        if (state.latest() == null) {
            if (step.action() == LifecycleAction.OPEN) {
                List<IncidentUpdate> out = new ArrayList<>();
                out.add(emit(state, imported(step).toBuilder(), IncidentChange.OPENED, List.of()));
                out.addAll(drainPending(state));
                return out;
            }
            state.pending().add(step);
            return List.of();
        }
        return apply(state, step).map(List::of).orElse(List.of());
    }

    /** The earliest step still waiting, to time its expiry; empty when none waits. */
    public Optional<Instant> oldestPending(IncidentLifecycle state) {
        return state.pending().stream().map(LifecycleEvent::eventTime).min(Instant::compareTo);
    }

    /** Drops waiting steps at or before {@code cutoff}; returns how many were dropped. */
    public int dropPendingUpTo(IncidentLifecycle state, Instant cutoff) {
        int before = state.pending().size();
        state.pending().removeIf(e -> !e.eventTime().isAfter(cutoff));
        return before - state.pending().size();
    }

    /**
     * When the state may be dropped: retention after the incident closed, resolved or went stale;
     * empty while it is open.
     */
    public Optional<Instant> finishedAt(IncidentLifecycle state) {
        Incident i = state.latest();
        if (i == null || i.status() == IncidentStatus.OPEN) {
            return Optional.empty();
        }
        if (i.closedAt() != null) {
            return Optional.of(i.closedAt());
        }
        return Optional.of(i.resolvedAt() != null ? i.resolvedAt() : i.eventTime());
    }

    private List<IncidentUpdate> drainPending(IncidentLifecycle state) {
        List<IncidentUpdate> out = new ArrayList<>();
        List<LifecycleEvent> waiting = new ArrayList<>(state.pending());
        state.pending().clear();
        waiting.sort((a, b) -> a.eventTime().compareTo(b.eventTime()));
        for (LifecycleEvent step : waiting) {
            apply(state, step).ifPresent(out::add);
        }
        return out;
    }

    private Optional<IncidentUpdate> apply(IncidentLifecycle state, LifecycleEvent step) {
        Incident i = state.latest();
        Incident.Builder b = i.toBuilder();
        Instant t = step.eventTime();
        switch (step.action()) {
            case OPEN:
                return Optional.empty(); // already known: a duplicate import
            case ACK:
                if (i.acknowledgedAt() != null) {
                    return Optional.empty();
                }
                b.acknowledgedAt(t);
                break;
            case MITIGATE:
                if (i.mitigatedAt() != null) {
                    return Optional.empty();
                }
                b.mitigatedAt(t);
                break;
            case ASSIGN:
                if (!step.team().isEmpty()) {
                    b.team(step.team());
                }
                b.tier(step.tier() != null ? step.tier() : (i.tier() == null ? Tier.L1 : i.tier()));
                break;
            case ESCALATE:
                b.escalations(i.escalations() + 1)
                        .tier(step.tier() != null ? step.tier() : nextTier(i.tier()));
                if (!step.team().isEmpty()) {
                    b.team(step.team());
                }
                break;
            case RESOLVE:
                b.status(IncidentStatus.RESOLVED).resolvedAt(t);
                break;
            case REOPEN:
                if (i.status() == IncidentStatus.OPEN) {
                    return Optional.empty();
                }
                b.status(IncidentStatus.OPEN)
                        .resolvedAt(null)
                        .closedAt(null)
                        .reopenCount(i.reopenCount() + 1);
                break;
            case CLOSE:
                b.closedAt(t);
                if (i.status() != IncidentStatus.RESOLVED) {
                    b.status(IncidentStatus.RESOLVED).resolvedAt(t);
                }
                break;
            case UNACK:
            case COMMENT:
            default:
                return Optional.empty();
        }
        b.eventTime(t);
        return Optional.of(emit(state, b, IncidentChange.LIFECYCLE, List.of()));
    }

    private IncidentUpdate emit(
            IncidentLifecycle state,
            Incident.Builder b,
            IncidentChange change,
            List<dev.incidentintel.events.IncidentAlertLink> links) {
        Incident next = b.version(state.nextVersion()).build();
        state.latest(next);
        return new IncidentUpdate(next, change, links);
    }

    private static Tier nextTier(Tier current) {
        if (current == null || current == Tier.L1) {
            return Tier.L2;
        }
        return Tier.L3;
    }

    private static Incident imported(LifecycleEvent step) {
        Map<String, String> a = step.attributes();
        String service = a.getOrDefault("service", "unknown");
        String title = a.getOrDefault("title", step.incidentId());
        String priority = a.getOrDefault("priority", "");
        return Incident.builder()
                .source(step.source())
                .eventTime(step.eventTime())
                .id(step.incidentId())
                .title(title.isBlank() ? step.incidentId() : title)
                .environment(a.getOrDefault("environment", "unknown"))
                .services(List.of(service.isBlank() ? "unknown" : service))
                .severity(severityOf(priority))
                .status(IncidentStatus.OPEN)
                .impactStart(step.eventTime())
                .detectedAt(step.eventTime())
                .priority(priority)
                .category(a.getOrDefault("category", ""))
                .team(!step.team().isEmpty() ? step.team() : a.getOrDefault("team", ""))
                .tier(step.tier())
                .build();
    }

    private static Severity severityOf(String priority) {
        return switch (priority) {
            case "P1" -> Severity.CRITICAL;
            case "P2" -> Severity.ERROR;
            case "P3" -> Severity.WARNING;
            case "P4", "P5" -> Severity.INFO;
            default -> Severity.UNKNOWN;
        };
    }
}
