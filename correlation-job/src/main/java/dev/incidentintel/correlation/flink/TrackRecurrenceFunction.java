package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.recurrence.RecurrenceOptions;
import dev.incidentintel.correlation.recurrence.RecurrenceTracker;
import dev.incidentintel.correlation.recurrence.ServiceHistory;
import dev.incidentintel.events.IncidentUpdate;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by environment/primary service: fills in recurrence links and rarity through {@link
 * RecurrenceTracker}. One event-time timer per key prunes incidents that left the window; the state
 * is cleared when none is left.
 */
public class TrackRecurrenceFunction
        extends KeyedProcessFunction<String, IncidentUpdate, IncidentUpdate> {
    private static final long serialVersionUID = 1L;

    /** Name of the keyed state; part of savepoint compatibility, never change it. */
    public static final String STATE_NAME = "service-history";

    private final RecurrenceOptions options;
    private transient RecurrenceTracker tracker;
    private transient ValueState<ServiceHistory> state;

    public TrackRecurrenceFunction(RecurrenceOptions options) {
        this.options = options;
    }

    /** The key: environment and primary service. */
    public static String keyOf(IncidentUpdate update) {
        return update.incident().environment() + "/" + update.incident().services().get(0);
    }

    @Override
    public void open(OpenContext openContext) {
        tracker = new RecurrenceTracker(options);
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        STATE_NAME, JsonTypeInfo.of(ServiceHistory.class)));
    }

    @Override
    public void processElement(IncidentUpdate update, Context ctx, Collector<IncidentUpdate> out)
            throws Exception {
        if (update.incident().signature().isEmpty()) {
            out.collect(update);
            return;
        }
        ServiceHistory history = state.value();
        if (history == null) {
            history = new ServiceHistory();
        }
        out.collect(
                new IncidentUpdate(
                        tracker.apply(history, update.incident()),
                        update.change(),
                        update.newLinks()));
        store(history, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentUpdate> out)
            throws Exception {
        ServiceHistory history = state.value();
        if (history == null) {
            return;
        }
        history.timerAt(null);
        tracker.prune(history, Instant.ofEpochMilli(timestamp));
        store(history, ctx);
    }

    private void store(ServiceHistory history, Context ctx) throws Exception {
        Long next = tracker.nextPrune(history).map(EventTimers::timerFor).orElse(null);
        if (history.timerAt() != null && !history.timerAt().equals(next)) {
            ctx.timerService().deleteEventTimeTimer(history.timerAt());
            history.timerAt(null);
        }
        if (history.isEmpty()) {
            state.clear();
            return;
        }
        // A timer due at or before the watermark fires again within the same advance; that
        // terminates
        // because prune() always removes the incident nextPrune() named.
        if (history.timerAt() == null) {
            ctx.timerService().registerEventTimeTimer(next);
            history.timerAt(next);
        }
        state.update(history);
    }
}
