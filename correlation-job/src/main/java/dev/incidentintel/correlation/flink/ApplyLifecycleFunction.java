package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.lifecycle.IncidentLifecycle;
import dev.incidentintel.correlation.lifecycle.LifecycleApplier;
import dev.incidentintel.correlation.lifecycle.LifecycleOptions;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.LifecycleEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by incident id: merges correlator updates (input 1) with lifecycle steps (input 2) through
 * {@link LifecycleApplier} and emits the final snapshots. One event-time timer per key drops steps
 * that waited too long for their incident and, after the retention period, the whole state of a
 * finished incident.
 */
public class ApplyLifecycleFunction
        extends KeyedCoProcessFunction<String, IncidentUpdate, LifecycleEvent, IncidentUpdate> {
    private static final long serialVersionUID = 1L;

    /** Name of the keyed state; part of savepoint compatibility, never change it. */
    public static final String STATE_NAME = "incident-lifecycle";

    private final LifecycleOptions options;
    private transient LifecycleApplier applier;
    private transient ValueState<IncidentLifecycle> state;
    private transient Counter droppedSteps;

    public ApplyLifecycleFunction(LifecycleOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        applier = new LifecycleApplier();
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        STATE_NAME, JsonTypeInfo.of(IncidentLifecycle.class)));
        droppedSteps =
                getRuntimeContext().getMetricGroup().counter("lifecycle_steps_without_incident");
    }

    @Override
    public void processElement1(IncidentUpdate update, Context ctx, Collector<IncidentUpdate> out)
            throws Exception {
        IncidentLifecycle s = current();
        emitAndStore(applier.onIncidentUpdate(s, update), s, ctx.timerService(), out);
    }

    @Override
    public void processElement2(LifecycleEvent step, Context ctx, Collector<IncidentUpdate> out)
            throws Exception {
        IncidentLifecycle s = current();
        emitAndStore(applier.onLifecycle(s, step), s, ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentUpdate> out)
            throws Exception {
        IncidentLifecycle s = state.value();
        if (s == null) {
            return;
        }
        s.timerAt(null);
        Instant now = Instant.ofEpochMilli(timestamp);
        droppedSteps.inc(applier.dropPendingUpTo(s, now.minus(options.pendingTimeout())));
        Optional<Instant> finished = applier.finishedAt(s);
        if (s.pending().isEmpty()
                && (s.latest() == null
                        || finished.map(f -> !f.plus(options.retention()).isAfter(now))
                                .orElse(false))) {
            state.clear();
            return;
        }
        emitAndStore(List.of(), s, ctx.timerService(), out);
    }

    private IncidentLifecycle current() throws Exception {
        IncidentLifecycle s = state.value();
        return s == null ? new IncidentLifecycle() : s;
    }

    private void emitAndStore(
            List<IncidentUpdate> updates,
            IncidentLifecycle s,
            TimerService timers,
            Collector<IncidentUpdate> out)
            throws Exception {
        updates.forEach(out::collect);
        Optional<Instant> wanted =
                applier.oldestPending(s).map(t -> t.plus(options.pendingTimeout()));
        if (wanted.isEmpty()) {
            wanted = applier.finishedAt(s).map(t -> t.plus(options.retention()));
        }
        Long next = wanted.map(EventTimers::timerFor).orElse(null);
        if (s.timerAt() != null && !s.timerAt().equals(next)) {
            timers.deleteEventTimeTimer(s.timerAt());
            s.timerAt(null);
        }
        if (next != null && next <= timers.currentWatermark()) {
            // Already due: never re-arm a timer at or before the watermark (it would fire again at
            // once,
            // forever). At the end of a bounded input the watermark is Long.MAX_VALUE: nothing is
            // left to wait for.
            next =
                    timers.currentWatermark() == Long.MAX_VALUE
                            ? null
                            : timers.currentWatermark() + 1;
        }
        if (next != null && s.timerAt() == null) {
            timers.registerEventTimeTimer(next);
            s.timerAt(next);
        }
        state.update(s);
    }
}
