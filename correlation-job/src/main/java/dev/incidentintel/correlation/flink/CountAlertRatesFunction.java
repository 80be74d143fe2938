package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.anomaly.series.MinuteCounter;
import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per-service alert rate (key: {@link AlertEvent#scopeKey()}): counts firing notifications per
 * minute of event time and emits each finished minute as a {@code alert_rate} {@link SeriesPoint}
 * for {@link DetectRateAnomaliesFunction}. Alerts of source {@code anomaly} must be filtered out
 * upstream (an anomaly alert raising the alert rate would feed back). Resolved notifications are
 * not counted. One timer per key; a service without firing alerts for {@code idleTimeout} loses its
 * state.
 */
public class CountAlertRatesFunction extends KeyedProcessFunction<String, AlertEvent, SeriesPoint> {
    private static final long serialVersionUID = 1L;

    /** Operator uid to use when wiring this function; never change it once state exists. */
    public static final String UID = "count-alert-rates";

    /** Name of the keyed state; part of savepoint compatibility, never change it. */
    public static final String STATE_NAME = "alert-rate";

    /** Series kind of the emitted points. */
    public static final String KIND = "alert_rate";

    private final long idleMillis;
    private transient ValueState<MinuteCounter> counter;
    private transient ValueState<Long> timer;

    public CountAlertRatesFunction(Duration idleTimeout) {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        this.idleMillis = idleTimeout.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        counter =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        STATE_NAME, TypeInformation.of(MinuteCounter.class)));
        timer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(STATE_NAME + "-timer", Long.class));
    }

    @Override
    public void processElement(AlertEvent alert, Context ctx, Collector<SeriesPoint> out)
            throws Exception {
        if (alert.status() != AlertStatus.FIRING) {
            return;
        }
        MinuteCounter c = counter.value();
        if (c == null) {
            c = new MinuteCounter(KIND, alert.environment(), alert.service(), "");
        }
        c.add(alert.eventTime());
        counter.update(c);
        SingleTimer.atMost(timer, ctx.timerService(), c.earliestMinuteEnd().toEpochMilli());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SeriesPoint> out)
            throws Exception {
        timer.clear();
        MinuteCounter c = counter.value();
        if (c == null) {
            return;
        }
        c.flush(Instant.ofEpochMilli(timestamp)).forEach(out::collect);
        Instant next = c.earliestMinuteEnd();
        long idleAt = c.lastSeen().toEpochMilli() + idleMillis;
        if (next == null && idleAt <= timestamp) {
            counter.clear();
            return;
        }
        counter.update(c);
        SingleTimer.atMost(timer, ctx.timerService(), next != null ? next.toEpochMilli() : idleAt);
    }
}
