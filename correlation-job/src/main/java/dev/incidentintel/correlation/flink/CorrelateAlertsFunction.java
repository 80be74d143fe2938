package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.correlate.Decision;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.correlate.IncidentCorrelator;
import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.correlation.suspect.SuspectOptions;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.IncidentUpdate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import dev.incidentintel.correlation.scope.ScopedAlert;
import dev.incidentintel.correlation.topology.ServiceTopology;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/**
 * Holds the correlation state of one scope (the key, assigned upstream by {@link
 * AssignScopeFunction}) and its stale timer, plus, as broadcast state (input 2: a deploy or a
 * topology document), the recent deploys of every environment and the current service topology
 * (for the attach score's topology distance and suspect distances; the initial topology until a
 * document arrives); {@link IncidentCorrelator} makes every decision. Emits an update as soon as an alert is processed, never waiting for a watermark, so a
 * quiet stream does not hold a new incident back. Keyed state is cleared as soon as the scope
 * tracks no incident, and the one event-time timer per key is deleted with it.
 */
public class CorrelateAlertsFunction
    extends KeyedBroadcastProcessFunction<String, ScopedAlert, Either<DeployEvent, ServiceTopology>, IncidentUpdate> {
  private static final long serialVersionUID = 1L;

  /** Name of the keyed state; part of savepoint compatibility, never change it. */
  public static final String STATE_NAME = "scope-state";

  /** Broadcast state of recent deploys per environment; never change its name. */
  public static final MapStateDescriptor<String, RecentDeploys> DEPLOYS =
      new MapStateDescriptor<>("recent-deploys", Types.STRING, JsonTypeInfo.of(RecentDeploys.class));

  /** Type of the broadcast input: a deploy (left) or a topology document (right). */
  public static final TypeInformation<Either<DeployEvent, ServiceTopology>> BROADCAST_TYPE =
      new EitherTypeInfo<>(JsonTypeInfo.of(DeployEvent.class), JsonTypeInfo.of(ServiceTopology.class));

  private final GroupingOptions options;
  private final SuspectOptions suspects;
  private final ServiceTopology initialTopology;
  private transient IncidentCorrelator correlator;
  private transient ValueState<ScopeState> state;
  private transient Map<Decision.Outcome, Counter> counters;

  public CorrelateAlertsFunction(GroupingOptions options) {
    this(options, SuspectOptions.defaults(), ServiceTopology.empty());
  }

  public CorrelateAlertsFunction(GroupingOptions options, SuspectOptions suspects, ServiceTopology initialTopology) {
    this.options = options;
    this.suspects = suspects;
    this.initialTopology = initialTopology;
  }

  @Override
  public void open(OpenContext openContext) {
    correlator = new IncidentCorrelator(options, suspects);
    state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, JsonTypeInfo.of(ScopeState.class)));
    counters = new EnumMap<>(Decision.Outcome.class);
    for (Decision.Outcome outcome : Decision.Outcome.values()) {
      counters.put(
          outcome,
          getRuntimeContext().getMetricGroup().counter("alerts_" + outcome.name().toLowerCase(Locale.ROOT)));
    }
  }

  @Override
  public void processElement(ScopedAlert scoped, ReadOnlyContext ctx, Collector<IncidentUpdate> out) throws Exception {
    AlertEvent alert = scoped.alert();
    ScopeState scope = state.value();
    if (scope == null) {
      scope = new ScopeState();
    }
    ReadOnlyBroadcastState<String, RecentDeploys> deploys = ctx.getBroadcastState(DEPLOYS);
    ServiceTopology topology =
        AssignScopeFunction.current(ctx.getBroadcastState(AssignScopeFunction.TOPOLOGY), initialTopology);
    Decision decision = correlator.onAlert(scope, alert, topology, environment -> {
      try {
        RecentDeploys recent = deploys.get(environment);
        return recent == null ? List.of() : recent.deploys();
      } catch (Exception e) {
        throw new IllegalStateException("cannot read broadcast deploys", e);
      }
    });
    apply(decision, scope, ctx.timerService(), out);
  }

  @Override
  public void processBroadcastElement(
      Either<DeployEvent, ServiceTopology> input, Context ctx, Collector<IncidentUpdate> out) throws Exception {
    if (input.isRight()) {
      ctx.getBroadcastState(AssignScopeFunction.TOPOLOGY).put(AssignScopeFunction.CURRENT, input.right());
      return;
    }
    DeployEvent deploy = input.left();
    BroadcastState<String, RecentDeploys> deploys = ctx.getBroadcastState(DEPLOYS);
    RecentDeploys current = deploys.get(deploy.environment());
    deploys.put(deploy.environment(), (current == null ? new RecentDeploys() : current).with(deploy, suspects.lookback()));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentUpdate> out) throws Exception {
    ScopeState scope = state.value();
    if (scope == null) {
      return;
    }
    scope.timerAt(null); // this timer has fired
    apply(correlator.onTime(scope, Instant.ofEpochMilli(timestamp)), scope, ctx.timerService(), out);
  }

  private void apply(Decision decision, ScopeState scope, TimerService timers, Collector<IncidentUpdate> out)
      throws Exception {
    counters.get(decision.outcome()).inc();
    decision.updates().forEach(out::collect);
    Optional<Instant> next = scope.nextStaleCheck(options);
    Long wanted = next.map(Instant::toEpochMilli).orElse(null);
    if (scope.timerAt() != null && !scope.timerAt().equals(wanted)) {
      timers.deleteEventTimeTimer(scope.timerAt());
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
}
