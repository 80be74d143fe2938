package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.correlate.Decision;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.correlate.IncidentCorrelator;
import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.correlation.scope.ScopedAlert;
import dev.incidentintel.correlation.suspect.SuspectOptions;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.IncidentUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Holds the correlation state of one scope (the key, assigned upstream by {@link
 * AssignScopeFunction}) and its stale timer, plus, as broadcast state (input 2: a deploy or a
 * topology document), the recent deploys of every environment and the current service topology (for
 * the attach score's topology distance and suspect distances; the initial topology until a document
 * arrives); {@link IncidentCorrelator} makes every decision.
 *
 * <p>Ordering: with a positive {@link GroupingOptions#orderingWait} the alerts of a scope are
 * buffered and correlated in event-time order when the watermark passes them (an event-time timer
 * at the alert's time). When the watermark has not moved for the ordering wait (processing time),
 * e.g. on a quiet stream, everything pending is correlated at once; while it moves, the alerts wait
 * for it (at most about the out-of-orderness of the sources). Attach-or-open depends on order (a
 * cascade's first alert must open the incident its followers join), and parallel sources interleave
 * scopes arbitrarily. With a zero wait each alert is correlated as soon as it arrives.
 *
 * <p>Lateness: a notification more than {@link GroupingOptions#allowedLateness} behind the
 * watermark is applied at once when the scope already tracks its alert (a repeat or resolve cannot
 * change the grouping); otherwise it goes to the {@link #LATE} side output and the {@code
 * alerts_late} counter, never silently dropped.
 *
 * <p>Keyed state (scope state, pending alerts) is cleared as soon as the scope tracks no incident
 * and has nothing pending; the stale timer is deleted with it, ordering timers fire once and leave
 * nothing behind.
 */
public class CorrelateAlertsFunction
        extends KeyedBroadcastProcessFunction<
                String, ScopedAlert, Either<DeployEvent, ServiceTopology>, IncidentUpdate> {
    private static final long serialVersionUID = 1L;

    /** Name of the keyed state; part of savepoint compatibility, never change it. */
    public static final String STATE_NAME = "scope-state";

    /**
     * Name of the keyed map of alerts waiting for their turn, by event-time millisecond (so a timer
     * touches only the alerts of its own instant, not the whole backlog); never change it.
     */
    public static final String PENDING_STATE = "pending-alerts-by-time";

    /** Name of the keyed watermark seen when the ordering wait last started; never change it. */
    public static final String PENDING_WATERMARK_STATE = "pending-watermark";

    /** Broadcast state of recent deploys per environment; never change its name. */
    public static final MapStateDescriptor<String, RecentDeploys> DEPLOYS =
            new MapStateDescriptor<>(
                    "recent-deploys", Types.STRING, JsonTypeInfo.of(RecentDeploys.class));

    /** Type of the broadcast input: a deploy (left) or a topology document (right). */
    public static final TypeInformation<Either<DeployEvent, ServiceTopology>> BROADCAST_TYPE =
            new EitherTypeInfo<>(
                    JsonTypeInfo.of(DeployEvent.class), JsonTypeInfo.of(ServiceTopology.class));

    /** Side output of alerts too late to be correlated (see the class comment). */
    public static final OutputTag<AlertEvent> LATE =
            new OutputTag<>("late-alerts", WireTypeInfo.ALERT);

    private static final Comparator<AlertEvent> EVENT_ORDER =
            Comparator.comparing(AlertEvent::eventTime)
                    .thenComparing(AlertEvent::receivedAt)
                    .thenComparing(AlertEvent::fingerprint);

    private final GroupingOptions options;
    private final SuspectOptions suspects;
    private final ServiceTopology initialTopology;
    private transient IncidentCorrelator correlator;
    private transient ValueState<ScopeState> state;
    private transient MapState<Long, List<AlertEvent>> pending;
    private transient ValueState<Long> pendingSince;
    private transient Map<Decision.Outcome, Counter> counters;
    private transient Counter late;

    public CorrelateAlertsFunction(GroupingOptions options) {
        this(options, SuspectOptions.defaults(), ServiceTopology.empty());
    }

    public CorrelateAlertsFunction(
            GroupingOptions options, SuspectOptions suspects, ServiceTopology initialTopology) {
        this.options = options;
        this.suspects = suspects;
        this.initialTopology = initialTopology;
    }

    @Override
    public void open(OpenContext openContext) {
        correlator = new IncidentCorrelator(options, suspects);
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        STATE_NAME, JsonTypeInfo.of(ScopeState.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        PENDING_STATE,
                                        Types.LONG,
                                        Types.LIST(JsonTypeInfo.of(AlertEvent.class))));
        pendingSince =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(PENDING_WATERMARK_STATE, Types.LONG));
        counters = new EnumMap<>(Decision.Outcome.class);
        for (Decision.Outcome outcome : Decision.Outcome.values()) {
            counters.put(
                    outcome,
                    getRuntimeContext()
                            .getMetricGroup()
                            .counter("alerts_" + outcome.name().toLowerCase(Locale.ROOT)));
        }
        late = getRuntimeContext().getMetricGroup().counter("alerts_late");
    }

    @Override
    public void processElement(
            ScopedAlert scoped, ReadOnlyContext ctx, Collector<IncidentUpdate> out)
            throws Exception {
        AlertEvent alert = scoped.alert();
        long at = alert.eventTime().toEpochMilli();
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && at < watermark - options.allowedLateness().toMillis()) {
            ScopeState scope = state.value();
            if (scope == null || scope.holding(alert.fingerprint()).isEmpty()) {
                late.inc();
                ctx.output(LATE, alert);
                return;
            }
        }
        if (options.orderingWait().isZero() || at <= watermark) {
            correlate(List.of(alert), ctx, ctx.timerService(), out);
            return;
        }
        List<AlertEvent> sameInstant = pending.get(at);
        List<AlertEvent> waiting =
                sameInstant == null ? new ArrayList<>() : new ArrayList<>(sameInstant);
        waiting.add(alert);
        pending.put(at, waiting);
        ctx.timerService().registerEventTimeTimer(at);
        if (pendingSince.value() == null) {
            startOrderingWait(ctx.timerService());
        }
    }

    /**
     * Starts (again) the processing-time wait that flushes pending alerts if the watermark stalls.
     */
    private void startOrderingWait(TimerService timers) throws Exception {
        pendingSince.update(timers.currentWatermark());
        timers.registerProcessingTimeTimer(
                timers.currentProcessingTime() + options.orderingWait().toMillis());
    }

    @Override
    public void processBroadcastElement(
            Either<DeployEvent, ServiceTopology> input, Context ctx, Collector<IncidentUpdate> out)
            throws Exception {
        if (input.isRight()) {
            ctx.getBroadcastState(AssignScopeFunction.TOPOLOGY)
                    .put(AssignScopeFunction.CURRENT, input.right());
            return;
        }
        DeployEvent deploy = input.left();
        BroadcastState<String, RecentDeploys> deploys = ctx.getBroadcastState(DEPLOYS);
        RecentDeploys current = deploys.get(deploy.environment());
        // Kept for the suspect lookback plus the ordering delay an alert may see (up to the allowed
        // lateness): an alert correlated after a newer deploy arrived must still find the older
        // ones.
        deploys.put(
                deploy.environment(),
                (current == null ? new RecentDeploys() : current)
                        .with(deploy, suspects.lookback().plus(options.allowedLateness())));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentUpdate> out)
            throws Exception {
        // Pending alerts first: those the watermark has passed (event-time timer), or all of them
        // when
        // the ordering wait is over (processing-time timer).
        boolean processingTime =
                ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.PROCESSING_TIME;
        if (processingTime) {
            Long since = pendingSince.value();
            if (since == null) {
                return; // nothing pending any more
            }
            if (ctx.timerService().currentWatermark() > since) {
                // Event time is moving: the watermark will release the alerts in order; wait again.
                startOrderingWait(ctx.timerService());
                return;
            }
        }
        // An event-time timer fires once per instant that has pending alerts, in order, so the
        // alerts
        // of earlier instants are gone already; the ordering wait releases everything.
        List<AlertEvent> due = new ArrayList<>();
        if (processingTime) {
            for (List<AlertEvent> waiting : pending.values()) {
                due.addAll(waiting);
            }
            pending.clear();
        } else {
            List<AlertEvent> waiting = pending.get(timestamp);
            if (waiting != null) {
                due.addAll(waiting);
                pending.remove(timestamp);
            }
        }
        if (!due.isEmpty()) {
            if (pending.isEmpty()) {
                pendingSince.clear();
            }
            due.sort(EVENT_ORDER);
            correlate(due, ctx, ctx.timerService(), out);
        }
        if (processingTime) {
            return;
        }
        ScopeState scope = state.value();
        if (scope == null || scope.timerAt() == null || scope.timerAt() != timestamp) {
            return; // not this scope's stale timer
        }
        scope.timerAt(null); // this timer has fired
        apply(
                correlator.onTime(scope, Instant.ofEpochMilli(timestamp)),
                scope,
                ctx.timerService(),
                out);
    }

    private void correlate(
            List<AlertEvent> alerts,
            ReadOnlyContext ctx,
            TimerService timers,
            Collector<IncidentUpdate> out)
            throws Exception {
        ScopeState scope = state.value();
        if (scope == null) {
            scope = new ScopeState();
        }
        ReadOnlyBroadcastState<String, RecentDeploys> deploys = ctx.getBroadcastState(DEPLOYS);
        ServiceTopology topology =
                AssignScopeFunction.current(
                        ctx.getBroadcastState(AssignScopeFunction.TOPOLOGY), initialTopology);
        for (AlertEvent alert : alerts) {
            Decision decision =
                    correlator.onAlert(
                            scope,
                            alert,
                            topology,
                            environment -> {
                                try {
                                    RecentDeploys recent = deploys.get(environment);
                                    return recent == null ? List.of() : recent.deploys();
                                } catch (Exception e) {
                                    throw new IllegalStateException(
                                            "cannot read broadcast deploys", e);
                                }
                            });
            apply(decision, scope, timers, out);
        }
    }

    /**
     * Emits the decision's updates and keeps one stale timer per scope at {@link
     * ScopeState#nextCheck()} (moved only when that changes, which an alert rarely causes); drops
     * the state and the timer when the scope tracks nothing.
     */
    private void apply(
            Decision decision, ScopeState scope, TimerService timers, Collector<IncidentUpdate> out)
            throws Exception {
        counters.get(decision.outcome()).inc();
        decision.updates().forEach(out::collect);
        Long wanted = scope.nextCheck().map(EventTimers::timerFor).orElse(null);
        if (scope.timerAt() != null && !scope.timerAt().equals(wanted)) {
            deleteStaleTimer(scope.timerAt(), timers);
            scope.timerAt(null);
        }
        if (scope.isEmpty()) {
            state.clear();
            return;
        }
        if (scope.timerAt() == null) {
            timers.registerEventTimeTimer(wanted);
            scope.timerAt(wanted);
        }
        state.update(scope);
    }

    /**
     * Deletes the scope's stale timer unless pending alerts wait for a timer at the same instant
     * (Flink keeps one timer per key and instant: deleting it would strand them).
     */
    private void deleteStaleTimer(long at, TimerService timers) throws Exception {
        if (!pending.contains(at)) {
            timers.deleteEventTimeTimer(at);
        }
    }
}
