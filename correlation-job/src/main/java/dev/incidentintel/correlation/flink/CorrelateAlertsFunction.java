package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.correlate.Decision;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.correlate.IncidentCorrelator;
import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.IncidentUpdate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Holds the correlation state of one scope (the key) and its stale timer; {@link IncidentCorrelator}
 * makes every decision. Emits an update as soon as an alert is processed, never waiting for a
 * watermark, so a quiet stream does not hold a new incident back. State is cleared as soon as the
 * scope has no open incident, and the stale timer is the only timer per key.
 */
public class CorrelateAlertsFunction extends KeyedProcessFunction<String, AlertEvent, IncidentUpdate> {
  private static final long serialVersionUID = 1L;

  /** Name of the keyed state; part of savepoint compatibility, never change it. */
  public static final String STATE_NAME = "scope-state";

  private final GroupingOptions options;
  private transient IncidentCorrelator correlator;
  private transient ValueState<ScopeState> state;
  private transient Map<Decision.Outcome, Counter> counters;

  public CorrelateAlertsFunction(GroupingOptions options) {
    this.options = options;
  }

  @Override
  public void open(OpenContext openContext) {
    correlator = new IncidentCorrelator(options);
    state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, JsonTypeInfo.of(ScopeState.class)));
    counters = new EnumMap<>(Decision.Outcome.class);
    for (Decision.Outcome outcome : Decision.Outcome.values()) {
      counters.put(
          outcome,
          getRuntimeContext().getMetricGroup().counter("alerts_" + outcome.name().toLowerCase(Locale.ROOT)));
    }
  }

  @Override
  public void processElement(AlertEvent alert, Context ctx, Collector<IncidentUpdate> out) throws Exception {
    ScopeState scope = state.value();
    if (scope == null) {
      scope = new ScopeState();
    }
    apply(correlator.onAlert(scope, alert), scope, ctx.timerService(), out);
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
