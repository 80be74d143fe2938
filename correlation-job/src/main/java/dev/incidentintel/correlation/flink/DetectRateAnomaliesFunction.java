package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.anomaly.series.Anomaly;
import dev.incidentintel.correlation.anomaly.series.DetectorOptions;
import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import dev.incidentintel.correlation.anomaly.series.SeriesWatch;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores every point of a series (key: {@link SeriesPoint#seriesKey()}) with a {@link SeriesWatch}
 * in keyed state and emits an {@link Anomaly} when an anomaly opens or closes. A series without
 * points for {@code idleTimeout} (event time) loses its state through its single idle timer.
 */
public class DetectRateAnomaliesFunction
        extends KeyedProcessFunction<String, SeriesPoint, Anomaly> {
    private static final long serialVersionUID = 1L;

    /** Operator uid to use when wiring this function; never change it once state exists. */
    public static final String UID = "detect-rate-anomalies";

    /** Name of the keyed state; part of savepoint compatibility, never change it. */
    public static final String STATE_NAME = "series-watch";

    private final DetectorOptions options;
    private final double openAt;
    private final double closeBelow;
    private final long idleMillis;
    private transient ValueState<SeriesWatch> watch;
    private transient ValueState<Long> timer;

    /** Opens anomalies at a score of {@code openAt}, closes them below {@code closeBelow}. */
    public DetectRateAnomaliesFunction(
            DetectorOptions options, double openAt, double closeBelow, Duration idleTimeout) {
        if (options == null
                || idleTimeout == null
                || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "options and a positive idleTimeout are required, got " + idleTimeout);
        }
        new SeriesWatch(
                options,
                openAt,
                closeBelow); // validates the thresholds now, not on the first record
        this.options = options;
        this.openAt = openAt;
        this.closeBelow = closeBelow;
        this.idleMillis = idleTimeout.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        watch =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        STATE_NAME, TypeInformation.of(SeriesWatch.class)));
        timer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(STATE_NAME + "-timer", Long.class));
    }

    @Override
    public void processElement(SeriesPoint point, Context ctx, Collector<Anomaly> out)
            throws Exception {
        SeriesWatch w = watch.value();
        if (w == null) {
            w = new SeriesWatch(options, openAt, closeBelow);
        }
        Optional<Anomaly> change = w.observe(point);
        change.ifPresent(out::collect);
        watch.update(w);
        long wanted = w.lastSeen().toEpochMilli() + idleMillis;
        Long current = timer.value();
        if (current == null || current != wanted) {
            if (current != null) {
                ctx.timerService().deleteEventTimeTimer(current);
            }
            ctx.timerService().registerEventTimeTimer(wanted);
            timer.update(wanted);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out)
            throws Exception {
        // Only the idle timer exists: the series went quiet, forget it.
        watch.clear();
        timer.clear();
    }
}
