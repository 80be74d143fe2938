package dev.incidentintel.correlation.correlate;

import dev.incidentintel.correlation.dedup.AlertDeduplicator;
import dev.incidentintel.correlation.dedup.DedupOutcome;
import dev.incidentintel.correlation.dedup.MemberAlert;
import dev.incidentintel.correlation.suspect.DeploySuspector;
import dev.incidentintel.correlation.suspect.SuspectOptions;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.IncidentAlertLink;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.fingerprint.Fingerprints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns alert notifications of one correlation scope into incidents. Pure: it changes the {@link
 * ScopeState} it is given and says what to emit; Flink state, timers and output are the caller's.
 *
 * <p>Rules, in order, for a notification of alert {@code a} at event time {@code t}:
 *
 * <ol>
 *   <li>If a tracked incident already holds {@code a}'s fingerprint, the notification is
 *       deduplicated against that member ({@link AlertDeduplicator}). A repeat only counts (no
 *       update is emitted; the count travels with the next emitted snapshot); a re-fire or a
 *       resolve emits an {@code alert_updated}; when the last firing member resolves, the incident
 *       resolves at the latest member resolve time. A resolved incident stays tracked for the
 *       reopen window: a member firing again within it reopens the incident ({@code reopened});
 *       after it, the incident is forgotten and a new firing opens a new incident. In an incident
 *       still open, a member firing again more than the flap window after it resolved is a new
 *       occurrence: the incident lets go of it and it is correlated like a new alert (rules 2 and
 *       3).
 *   <li>A firing alert not yet known is scored ({@link AttachScorer}: time gap, same service,
 *       topology distance, shared labels, title similarity) against every open incident of the
 *       scope whose activity span (impact start to last member start or resolve) lies within the
 *       group gap of {@code a.startsAt}. It joins the best-scoring one if that score reaches the
 *       threshold; the link has reason {@code attached} and every score component.
 *   <li>Otherwise it opens a new incident, detected at {@code t}, with impact start {@code
 *       a.startsAt}; the link has reason {@code opened} and, when there was a candidate, the best
 *       candidate's components prefixed {@code best.} (why it was not joined). The id is derived
 *       from the alert's service scope, fingerprint and start, so a replay of the same input yields
 *       the same ids.
 *   <li>A resolve for an alert no open incident holds is ignored (counted as an orphan).
 * </ol>
 *
 * With a creation gate ({@link CreationGate}) for its severity, an incident that rules 2-3 would
 * open is held instead: tracked, joined by later alerts, but not emitted ({@code HELD}) until it
 * has the gate's number of alerts (on that alert) or the gate's wait has passed ({@link #onTime});
 * it then emits one {@code opened} update with every held link, detected at that moment.
 *
 * <p>An incident with no activity for the stale period is closed as {@code stale} by {@link
 * #onTime}. When an incident opens or gains a service, its suspect deploys are (re)computed from
 * the recent deploys the caller passes ({@link DeploySuspector}).
 */
public final class IncidentCorrelator {

    /** Value of {@code source} on everything this correlator emits. */
    public static final String SOURCE = "correlation-job";

    static final String REASON_OPENED = "opened";
    static final String REASON_ATTACHED = "attached";

    private final GroupingOptions options;
    private final AlertDeduplicator deduplicator;
    private final DeploySuspector suspector;
    private final AttachScorer scorer;

    public IncidentCorrelator(GroupingOptions options) {
        this(options, SuspectOptions.defaults());
    }

    public IncidentCorrelator(GroupingOptions options, SuspectOptions suspects) {
        this.options = options;
        this.deduplicator = new AlertDeduplicator(options.flapWindow());
        this.suspector = new DeploySuspector(suspects);
        this.scorer = new AttachScorer(options.attach());
    }

    /** Applies one notification of the scope to {@code state}, with no deploy information. */
    public Decision onAlert(ScopeState state, AlertEvent alert) {
        return onAlert(state, alert, ServiceTopology.empty(), environment -> List.of());
    }

    /** Applies one notification of the scope to {@code state}, without a topology. */
    public Decision onAlert(
            ScopeState state,
            AlertEvent alert,
            Function<String, Collection<DeployEvent>> deploysIn) {
        return onAlert(state, alert, ServiceTopology.empty(), deploysIn);
    }

    /**
     * Applies one notification of the scope to {@code state}. {@code topology} gives service
     * distances for the attach score and for suspects; {@code deploysIn} gives the recent deploys
     * the job knows in an environment; it is consulted only when suspects are computed.
     */
    public Decision onAlert(
            ScopeState state,
            AlertEvent alert,
            ServiceTopology topology,
            Function<String, Collection<DeployEvent>> deploysIn) {
        // Event-time timers fire late in fast replays, so expired resolved incidents are also
        // dropped
        // here, when a newer notification shows their reopen window has passed.
        forgetResolvedBefore(state, alert.eventTime());
        Routed routed = route(state, alert, topology, deploysIn);
        if (routed.incident() != null) {
            state.touched(routed.incident(), options); // its expiry may have moved earlier
        }
        return routed.decision();
    }

    /** A decision and the incident the alert went to (null when none). */
    private record Routed(Decision decision, OpenIncident incident) {}

    private Routed route(
            ScopeState state,
            AlertEvent alert,
            ServiceTopology topology,
            Function<String, Collection<DeployEvent>> deploysIn) {
        Optional<OpenIncident> holder = state.holding(alert.fingerprint());
        if (holder.isPresent() && !isNewOccurrence(holder.get(), alert)) {
            Decision d = onKnownAlert(state, holder.get(), alert);
            // A held incident has not been emitted: its members' news travel with its first
            // snapshot.
            return new Routed(
                    holder.get().held() ? new Decision(d.outcome(), List.of()) : d, holder.get());
        }
        holder.ifPresent(
                h -> {
                    h.release(alert.fingerprint());
                    state.released(h, alert.fingerprint());
                });
        if (!alert.firing()) {
            return new Routed(Decision.of(Decision.Outcome.ORPHAN_RESOLVE), null);
        }
        Candidate best = bestCandidate(state, alert, topology);
        MemberAlert member = MemberAlert.firstFiring(alert);
        Set<String> comparedLabels = scorer.labelPairs(alert.labels());
        double threshold = options.attach().threshold();
        if (best != null && best.score().score() >= threshold) {
            OpenIncident target = best.incident();
            boolean newService = !target.services().contains(alert.service());
            target.add(member, comparedLabels);
            state.holds(target, alert.fingerprint());
            if (newService) {
                findSuspects(target, topology, deploysIn.apply(target.environment()));
            }
            IncidentAlertLink link =
                    link(target, alert, REASON_ATTACHED, best.score().components(threshold));
            if (target.held()) {
                target.hold(link);
                if (!options.gate()
                        .opens(
                                target.severity(),
                                target.alertCount(),
                                target.detectedAt(),
                                alert.eventTime())) {
                    return new Routed(Decision.of(Decision.Outcome.HELD), target);
                }
                return new Routed(
                        new Decision(Decision.Outcome.OPENED, release(target, alert.eventTime())),
                        target);
            }
            return new Routed(
                    Decision.of(
                            Decision.Outcome.JOINED,
                            new IncidentUpdate(
                                    target.snapshot(IncidentStatus.OPEN, alert.eventTime()),
                                    IncidentChange.ALERT_ADDED,
                                    List.of(link))),
                    target);
        }
        OpenIncident opened =
                new OpenIncident(
                        incidentId(alert), title(alert), alert.environment(), alert.eventTime());
        opened.add(member, comparedLabels);
        findSuspects(opened, topology, deploysIn.apply(opened.environment()));
        state.add(opened);
        state.holds(opened, alert.fingerprint());
        Map<String, Double> why = new TreeMap<>();
        if (best != null) {
            best.score().components(threshold).forEach((k, v) -> why.put("best." + k, v));
        }
        if (!options.gate().opens(opened.severity(), 1, opened.detectedAt(), alert.eventTime())) {
            opened.hold(link(opened, alert, REASON_OPENED, why));
            return new Routed(Decision.of(Decision.Outcome.HELD), opened);
        }
        return new Routed(
                Decision.of(
                        Decision.Outcome.OPENED,
                        new IncidentUpdate(
                                opened.snapshot(IncidentStatus.OPEN, alert.eventTime()),
                                IncidentChange.OPENED,
                                List.of(link(opened, alert, REASON_OPENED, why)))),
                opened);
    }

    /**
     * At event time {@code now} (the scope's timer): closes as stale every open incident without
     * activity for the stale period, and forgets resolved incidents whose reopen window has passed.
     */
    public Decision onTime(ScopeState state, Instant now) {
        List<IncidentUpdate> updates = new ArrayList<>();
        boolean opened = false;
        for (OpenIncident incident : List.copyOf(state.open())) {
            if (ScopeState.expiresAt(incident, options).isAfter(now)) {
                continue;
            }
            if (incident.held()) {
                updates.addAll(release(incident, now)); // the gate's wait is over
                opened = true;
                if (ScopeState.expiresAt(incident, options).isAfter(now)) {
                    continue;
                }
                // Released late (its timer fired long after the wait): already past its stale
                // period, or
                // every member resolved while it was held and its reopen window is over. Closed in
                // this
                // pass, so every incident left expires after now and the next timer makes progress.
            }
            state.remove(incident);
            if (incident.isOpen()) {
                updates.add(
                        new IncidentUpdate(
                                incident.snapshot(IncidentStatus.STALE, now),
                                IncidentChange.STALE,
                                List.of()));
            }
        }
        state.recomputeCheck(options);
        return new Decision(
                updates.isEmpty()
                        ? Decision.Outcome.NOTHING
                        : opened ? Decision.Outcome.OPENED : Decision.Outcome.STALE_CLOSED,
                updates);
    }

    /**
     * Opens a held incident at {@code at}: one {@code opened} update with every link held so far,
     * and a {@code resolved} one when all its members resolved while it was held.
     */
    private static List<IncidentUpdate> release(OpenIncident incident, Instant at) {
        List<IncidentAlertLink> links = incident.open(at);
        List<IncidentUpdate> updates = new ArrayList<>();
        updates.add(
                new IncidentUpdate(
                        incident.snapshot(IncidentStatus.OPEN, at), IncidentChange.OPENED, links));
        if (incident.allResolved()) {
            incident.markResolved();
            updates.add(
                    new IncidentUpdate(
                            incident.snapshot(IncidentStatus.RESOLVED, incident.resolvedAt()),
                            IncidentChange.RESOLVED,
                            List.of()));
        }
        return updates;
    }

    private Decision onKnownAlert(ScopeState state, OpenIncident incident, AlertEvent alert) {
        MemberAlert member = incident.member(alert.fingerprint());
        boolean wasFlapping = member.flapping();
        DedupOutcome outcome = deduplicator.apply(member, alert);
        incident.counted(member, outcome, !wasFlapping && member.flapping());
        switch (outcome) {
            case REPEAT:
                return Decision.of(Decision.Outcome.REPEAT);
            case DUPLICATE:
                return Decision.of(Decision.Outcome.DUPLICATE);
            case REFIRED:
                incident.touch(member.lastActivity());
                if (!incident.isOpen()) {
                    incident.reopen();
                    return Decision.of(
                            Decision.Outcome.REOPENED,
                            new IncidentUpdate(
                                    incident.snapshot(IncidentStatus.OPEN, alert.eventTime()),
                                    IncidentChange.REOPENED,
                                    List.of()));
                }
                return Decision.of(
                        Decision.Outcome.FLAPPED,
                        new IncidentUpdate(
                                incident.snapshot(IncidentStatus.OPEN, alert.eventTime()),
                                IncidentChange.ALERT_UPDATED,
                                List.of()));
            case RESOLVED:
                incident.touch(member.lastActivity());
                if (incident.allResolved()) {
                    incident.markResolved();
                    Instant resolvedAt = incident.resolvedAt();
                    return Decision.of(
                            Decision.Outcome.INCIDENT_RESOLVED,
                            new IncidentUpdate(
                                    incident.snapshot(IncidentStatus.RESOLVED, resolvedAt),
                                    IncidentChange.RESOLVED,
                                    List.of()));
                }
                return Decision.of(
                        Decision.Outcome.MEMBER_RESOLVED,
                        new IncidentUpdate(
                                incident.snapshot(IncidentStatus.OPEN, member.resolvedAt()),
                                IncidentChange.ALERT_UPDATED,
                                List.of()));
            default:
                throw new IllegalStateException("unhandled dedup outcome " + outcome);
        }
    }

    /**
     * A resolved member firing again after its flap window, while its incident is still open, is a
     * new occurrence (the same alert failing again for another reason), correlated like a new
     * alert; within the flap window it is a flap, and in a resolved incident within the reopen
     * window it reopens the incident.
     */
    private boolean isNewOccurrence(OpenIncident incident, AlertEvent alert) {
        MemberAlert m = incident.member(alert.fingerprint());
        return alert.firing()
                && incident.isOpen()
                && !m.firing()
                && alert.startsAt().isAfter(m.resolvedAt().plus(options.flapWindow()));
    }

    private void findSuspects(
            OpenIncident incident,
            ServiceTopology topology,
            Collection<DeployEvent> recentDeploys) {
        if (!recentDeploys.isEmpty()) {
            incident.suspects(
                    suspector.suspects(
                            incident.environment(),
                            incident.services(),
                            incident.impactStart(),
                            recentDeploys,
                            topology::distance));
        }
    }

    private void forgetResolvedBefore(ScopeState state, Instant now) {
        Optional<Instant> check = state.nextCheck();
        if (check.isEmpty() || check.get().isAfter(now)) {
            return; // nothing can have expired yet
        }
        for (OpenIncident incident : List.copyOf(state.open())) {
            if (!incident.held()
                    && !incident.isOpen()
                    && !ScopeState.expiresAt(incident, options).isAfter(now)) {
                state.remove(incident);
            }
        }
        state.recomputeCheck(options);
    }

    /** An open incident and the new alert's score against it. */
    private record Candidate(OpenIncident incident, AttachScore score) {}

    /**
     * The best-scoring open incident whose activity span is within the group gap of the alert's
     * start; ties go to the older incident. Null when there is none.
     */
    private Candidate bestCandidate(ScopeState state, AlertEvent alert, ServiceTopology topology) {
        Candidate best = null;
        for (OpenIncident incident : state.open()) {
            if (!incident.isOpen()) {
                continue; // a resolved incident is reopened only by its own members
            }
            if (distance(incident, alert.startsAt()).compareTo(options.groupGap()) > 0) {
                continue;
            }
            AttachScore s = scorer.score(alert, incident, topology);
            if (best == null || s.score() > best.score().score()) {
                best = new Candidate(incident, s);
            }
        }
        return best;
    }

    /**
     * How far a start lies outside the incident's activity span [impact start, last activity]; zero
     * inside it (an alert delivered out of order still joins the incident it overlaps).
     */
    private static Duration distance(OpenIncident incident, Instant startsAt) {
        if (startsAt.isAfter(incident.lastActivity())) {
            return Duration.between(incident.lastActivity(), startsAt);
        }
        if (startsAt.isBefore(incident.impactStart())) {
            return Duration.between(startsAt, incident.impactStart());
        }
        return Duration.ZERO;
    }

    private static IncidentAlertLink link(
            OpenIncident incident,
            AlertEvent alert,
            String reason,
            Map<String, Double> components) {
        return new IncidentAlertLink(
                IncidentAlertLink.SCHEMA_VERSION,
                incident.id(),
                alert.fingerprint(),
                alert.name(),
                alert.service(),
                alert.environment(),
                alert.eventTime(),
                reason,
                components);
    }

    static String incidentId(AlertEvent alert) {
        return "inc-"
                + Fingerprints.sha256Prefix(
                        alert.scopeKey()
                                + "|"
                                + alert.fingerprint()
                                + "|"
                                + alert.startsAt().toEpochMilli());
    }

    private static String title(AlertEvent alert) {
        return alert.name() + " on " + alert.service();
    }
}
