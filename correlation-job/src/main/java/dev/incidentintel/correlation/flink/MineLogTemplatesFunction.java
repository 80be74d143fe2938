package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.anomaly.logs.MinerOptions;
import dev.incidentintel.correlation.anomaly.logs.TemplateStats;
import dev.incidentintel.correlation.anomaly.logs.TemplateTracker;
import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import dev.incidentintel.events.LogEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Tags every log line of a service (key: {@link LogEvent#scopeKey()}) with the id of its template,
 * mined by a {@link TemplateTracker} held in keyed state. On an event-time timer at the end of each
 * minute it emits, as side outputs, the changed templates ({@link #TEMPLATES}, rows of {@code
 * log_templates}) and the per-template line counts of finished minutes ({@link #RATES}, input of
 * {@link DetectRateAnomaliesFunction}). A service silent for {@code idleTimeout} loses its state.
 * One timer per key at any time.
 */
public class MineLogTemplatesFunction extends KeyedProcessFunction<String, LogEvent, LogEvent> {
    private static final long serialVersionUID = 1L;

    /** Operator uid to use when wiring this function; never change it once state exists. */
    public static final String UID = "mine-log-templates";

    /** Name of the keyed state; part of savepoint compatibility, never change it. */
    public static final String STATE_NAME = "template-tracker";

    /** Side output: template rows for ClickHouse {@code log_templates}. */
    public static final OutputTag<TemplateStats> TEMPLATES =
            new OutputTag<>("log-templates", TypeInformation.of(TemplateStats.class));

    /** Side output: per-(service, template) lines per minute. */
    public static final OutputTag<SeriesPoint> RATES =
            new OutputTag<>("log-template-rates", TypeInformation.of(SeriesPoint.class));

    private final MinerOptions options;
    private final long idleMillis;
    private transient ValueState<TemplateTracker> tracker;
    private transient ValueState<Long> timer;

    public MineLogTemplatesFunction(MinerOptions options, Duration idleTimeout) {
        if (options == null
                || idleTimeout == null
                || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "options and a positive idleTimeout are required, got " + idleTimeout);
        }
        this.options = options;
        this.idleMillis = idleTimeout.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        tracker =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        STATE_NAME, TypeInformation.of(TemplateTracker.class)));
        timer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(STATE_NAME + "-timer", Long.class));
    }

    @Override
    public void processElement(LogEvent log, Context ctx, Collector<LogEvent> out)
            throws Exception {
        TemplateTracker t = tracker.value();
        if (t == null) {
            t = new TemplateTracker(log.environment(), log.service(), options);
        }
        String id = t.observe(log.message(), log.eventTime());
        tracker.update(t);
        out.collect(
                new LogEvent(
                        log.schemaVersion(),
                        log.source(),
                        log.eventTime(),
                        log.receivedAt(),
                        log.service(),
                        log.environment(),
                        log.host(),
                        log.level(),
                        log.message(),
                        log.attributes(),
                        id));
        // The earliest open minute must be flushed first; an idle timer further out is replaced.
        reschedule(ctx.timerService(), t.earliestBucketEnd().toEpochMilli());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LogEvent> out)
            throws Exception {
        timer.clear();
        TemplateTracker t = tracker.value();
        if (t == null) {
            return;
        }
        TemplateTracker.Flush f = t.flush(Instant.ofEpochMilli(timestamp));
        f.templates().forEach(row -> ctx.output(TEMPLATES, row));
        f.rates().forEach(point -> ctx.output(RATES, point));
        if (t.hasOpenBuckets()) {
            tracker.update(t);
            reschedule(ctx.timerService(), t.earliestBucketEnd().toEpochMilli());
        } else if (t.lastSeen().toEpochMilli() + idleMillis <= timestamp) {
            tracker.clear(); // silent long enough: forget the service's templates
        } else {
            tracker.update(t);
            reschedule(ctx.timerService(), t.lastSeen().toEpochMilli() + idleMillis);
        }
    }

    private void reschedule(org.apache.flink.streaming.api.TimerService timers, long wanted)
            throws Exception {
        SingleTimer.atMost(timer, timers, wanted);
    }
}
