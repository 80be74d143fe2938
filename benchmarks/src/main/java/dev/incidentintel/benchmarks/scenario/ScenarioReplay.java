package dev.incidentintel.benchmarks.scenario;

import dev.incidentintel.correlation.correlate.Decision;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.correlate.IncidentCorrelator;
import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.correlation.scope.ScopeAssigner;
import dev.incidentintel.correlation.scope.ScopeOptions;
import dev.incidentintel.correlation.scope.ScopePin;
import dev.incidentintel.correlation.suspect.SuspectOptions;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.IncidentAlertLink;
import dev.incidentintel.events.IncidentUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a scenario through the pure scope assignment and correlator in one thread, without Flink,
 * Kafka or ClickHouse, ordering alerts by event time behind a simulated watermark as the job does
 * (late alerts are not simulated): seconds instead of minutes, for sweeping settings ({@link
 * CorrelationSweep}). Deploys are visible once their time is at or before an alert's receive time.
 * Stale timers are not simulated (scenario episodes are far shorter than the stale period). The
 * figures of record come from {@code incident-intel evaluate correlation}, which runs the job.
 */
public final class ScenarioReplay {
    /** The job's default bounded out-of-orderness of the watermark. */
    static final java.time.Duration OUT_OF_ORDERNESS = java.time.Duration.ofSeconds(30);

    private ScenarioReplay() {}

    private static void correlate(
            AlertEvent a,
            String scope,
            IncidentCorrelator correlator,
            Map<String, ScopeState> states,
            ServiceTopology topology,
            List<DeployEvent> seen,
            List<IncidentLink> links,
            Map<String, String> topSuspect) {
        ScopeState state = states.computeIfAbsent(scope, k -> new ScopeState());
        Decision d = correlator.onAlert(state, a, topology, env -> seen);
        for (IncidentUpdate u : d.updates()) {
            topSuspect.put(
                    u.incident().id(),
                    u.incident().suspectDeploys().isEmpty()
                            ? ""
                            : u.incident().suspectDeploys().get(0).ref());
            for (IncidentAlertLink l : u.newLinks()) {
                links.add(new IncidentLink(l.incidentId(), l.fingerprint(), l.linkedAt()));
            }
        }
    }

    /** Scores the grouping the correlator makes of {@code s} with these settings. */
    public static CorrelationMetrics.Report run(
            Scenario s, GroupingOptions grouping, ScopeOptions scope, boolean withTopology) {
        ServiceTopology topology =
                withTopology ? ScenarioTopologies.of(s.topology(), 1) : ServiceTopology.empty();
        IncidentCorrelator correlator = new IncidentCorrelator(grouping, SuspectOptions.defaults());
        ScopeAssigner assigner =
                new ScopeAssigner(scope, grouping.staleAfter(), grouping.reopenWindow());
        Map<String, ScopePin> pins = new HashMap<>();
        Map<String, ScopeState> states = new HashMap<>();
        List<IncidentLink> links = new ArrayList<>();
        Map<String, String> topSuspect = new HashMap<>();
        List<DeployEvent> seen = new ArrayList<>();
        int nextDeploy = 0;
        // The job's watermark (bounded out-of-orderness over alert event times) and its per-scope
        // event-time ordering buffer, simulated in one thread.
        long outOfOrderness = OUT_OF_ORDERNESS.toMillis();
        long watermark = Long.MIN_VALUE;
        java.util.PriorityQueue<AlertEvent> pending =
                new java.util.PriorityQueue<>(
                        java.util.Comparator.comparing(AlertEvent::eventTime)
                                .thenComparing(AlertEvent::receivedAt)
                                .thenComparing(AlertEvent::fingerprint));
        Map<AlertEvent, String> scopeOf = new java.util.IdentityHashMap<>();
        for (AlertEvent a : s.alerts()) {
            while (nextDeploy < s.deploys().size()
                    && !s.deploys().get(nextDeploy).eventTime().isAfter(a.receivedAt())) {
                seen.add(s.deploys().get(nextDeploy++));
            }
            ScopePin pin = assigner.pin(pins.get(a.fingerprint()), a, topology);
            pins.put(a.fingerprint(), pin);
            scopeOf.put(a, pin.scope());
            long at = a.eventTime().toEpochMilli();
            if (grouping.orderingWait().isZero() || at <= watermark) {
                correlate(a, pin.scope(), correlator, states, topology, seen, links, topSuspect);
            } else {
                pending.add(a);
            }
            watermark = Math.max(watermark, at - outOfOrderness);
            while (!pending.isEmpty() && pending.peek().eventTime().toEpochMilli() <= watermark) {
                AlertEvent p = pending.poll();
                correlate(
                        p,
                        scopeOf.remove(p),
                        correlator,
                        states,
                        topology,
                        seen,
                        links,
                        topSuspect);
            }
        }
        while (!pending.isEmpty()) {
            AlertEvent p = pending.poll();
            correlate(p, scopeOf.remove(p), correlator, states, topology, seen, links, topSuspect);
        }
        Map<Occurrence, String> truth = s.truth();
        Map<String, Occurrence> first = new HashMap<>();
        for (Episode e : s.episodes()) {
            first.put(e.id(), e.occurrences().get(0));
        }
        return CorrelationMetrics.score(
                truth,
                CorrelationMetrics.assign(truth.keySet(), links),
                topSuspect.size(),
                s.alerts().size(),
                s.badDeploys(),
                first,
                topSuspect);
    }
}
