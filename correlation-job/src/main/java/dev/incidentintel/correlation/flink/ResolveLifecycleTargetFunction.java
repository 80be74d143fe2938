package dev.incidentintel.correlation.flink;

import dev.incidentintel.events.IncidentAlertLink;
import dev.incidentintel.events.LifecycleEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by alert fingerprint: learns which incident holds each alert from the correlator's links
 * (input 1) and fills in the incident id of lifecycle steps that only name an alert (input 2), as
 * PagerDuty and Opsgenie acknowledgements do. A step that arrives before its alert's link waits up
 * to {@code pendingTimeout} (event time), then is dropped and counted. The fingerprint-to-incident
 * mapping expires after {@code mappingTtl} without updates (state TTL).
 */
public class ResolveLifecycleTargetFunction
        extends KeyedCoProcessFunction<String, IncidentAlertLink, LifecycleEvent, LifecycleEvent> {
    private static final long serialVersionUID = 1L;

    /** State names; part of savepoint compatibility, never change them. */
    public static final String INCIDENT_STATE = "incident-of-fingerprint";

    public static final String PENDING_STATE = "steps-waiting-for-link";

    private final Duration pendingTimeout;
    private final Duration mappingTtl;
    private transient ValueState<String> incidentId;
    private transient ListState<LifecycleEvent> pending;
    private transient Counter dropped;

    public ResolveLifecycleTargetFunction(Duration pendingTimeout, Duration mappingTtl) {
        this.pendingTimeout = pendingTimeout;
        this.mappingTtl = mappingTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<String> idDescriptor =
                new ValueStateDescriptor<>(INCIDENT_STATE, Types.STRING);
        idDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(mappingTtl).build());
        incidentId = getRuntimeContext().getState(idDescriptor);
        pending =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        PENDING_STATE, JsonTypeInfo.of(LifecycleEvent.class)));
        dropped = getRuntimeContext().getMetricGroup().counter("lifecycle_steps_unknown_alert");
    }

    @Override
    public void processElement1(IncidentAlertLink link, Context ctx, Collector<LifecycleEvent> out)
            throws Exception {
        incidentId.update(link.incidentId());
        Iterable<LifecycleEvent> waiting = pending.get();
        if (waiting != null) {
            for (LifecycleEvent step : waiting) {
                out.collect(withIncident(step, link.incidentId()));
            }
        }
        pending.clear();
    }

    @Override
    public void processElement2(LifecycleEvent step, Context ctx, Collector<LifecycleEvent> out)
            throws Exception {
        String id = incidentId.value();
        if (id != null) {
            out.collect(withIncident(step, id));
            return;
        }
        pending.add(step);
        ctx.timerService()
                .registerEventTimeTimer(
                        EventTimers.timerFor(step.eventTime().plus(pendingTimeout)));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LifecycleEvent> out)
            throws Exception {
        List<LifecycleEvent> keep = new ArrayList<>();
        Iterable<LifecycleEvent> waiting = pending.get();
        if (waiting != null) {
            for (LifecycleEvent step : waiting) {
                if (EventTimers.timerFor(step.eventTime().plus(pendingTimeout)) > timestamp) {
                    keep.add(step);
                } else {
                    dropped.inc();
                }
            }
        }
        if (keep.isEmpty()) {
            pending.clear();
        } else {
            pending.update(keep);
        }
    }

    static LifecycleEvent withIncident(LifecycleEvent e, String id) {
        return new LifecycleEvent(
                e.schemaVersion(),
                e.source(),
                e.eventTime(),
                id,
                e.alertFingerprint(),
                e.action(),
                e.actor(),
                e.team(),
                e.tier(),
                e.note(),
                e.attributes());
    }
}
