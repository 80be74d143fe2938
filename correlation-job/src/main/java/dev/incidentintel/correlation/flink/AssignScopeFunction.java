package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.scope.ScopeAssigner;
import dev.incidentintel.correlation.scope.ScopePin;
import dev.incidentintel.correlation.scope.ScopedAlert;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every alert notification its correlation scope from the current service topology
 * (broadcast, input 2; the topology file's content until the first {@code topology.v1} document
 * arrives). Input 1 is keyed by the alert's service scope ({@link AlertEvent#scopeKey()}, the Kafka
 * key), so the notifications of one service keep their partition order on the way to the
 * correlator. {@link ScopeAssigner} decides; this function keeps each alert's {@link ScopePin} (map
 * state by fingerprint) so a topology change never moves an alert in progress to another scope (its
 * repeats and resolve must reach its incident). Pins are dropped by event-time timers once they
 * expire (a timer at each pin's expiry, re-armed at the later expiry when notifications extended
 * it), so state and timers return to zero when alerts stop.
 */
public class AssignScopeFunction
        extends KeyedBroadcastProcessFunction<String, AlertEvent, ServiceTopology, ScopedAlert> {
    private static final long serialVersionUID = 1L;

    /** Operator uid; never change it once state exists. */
    public static final String UID = "assign-scope";

    /** Keyed state of the alert's pin; never change its name. */
    public static final String PIN_STATE = "scope-pin";

    /** Key of the one entry of {@link #TOPOLOGY}. */
    public static final String CURRENT = "current";

    /** Broadcast state holding the latest topology; never change its name. */
    public static final MapStateDescriptor<String, ServiceTopology> TOPOLOGY =
            new MapStateDescriptor<>(
                    "service-topology", Types.STRING, JsonTypeInfo.of(ServiceTopology.class));

    private static final Logger LOG = LoggerFactory.getLogger(AssignScopeFunction.class);

    private final ScopeAssigner assigner;
    private final ServiceTopology initial;
    private transient MapState<String, ScopePin> pins;
    private transient Counter topologyUpdates;

    /**
     * @param assigner decides scopes and pin lifetimes
     * @param initial the topology to use until a document arrives on the broadcast input
     */
    public AssignScopeFunction(ScopeAssigner assigner, ServiceTopology initial) {
        this.assigner = assigner;
        this.initial = initial;
    }

    @Override
    public void open(OpenContext openContext) {
        pins =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        PIN_STATE, Types.STRING, JsonTypeInfo.of(ScopePin.class)));
        topologyUpdates = getRuntimeContext().getMetricGroup().counter("topology_updates");
    }

    /** The current topology: the latest broadcast document, else the initial one. */
    static ServiceTopology current(
            ReadOnlyBroadcastState<String, ServiceTopology> state, ServiceTopology initial)
            throws Exception {
        ServiceTopology t = state.get(CURRENT);
        return t == null ? initial : t;
    }

    @Override
    public void processElement(AlertEvent alert, ReadOnlyContext ctx, Collector<ScopedAlert> out)
            throws Exception {
        ScopePin before = pins.get(alert.fingerprint());
        ScopePin after =
                assigner.pin(before, alert, current(ctx.getBroadcastState(TOPOLOGY), initial));
        pins.put(alert.fingerprint(), after);
        if (before == null) {
            // One timer per pin: later extensions are picked up when it fires (see onTimer).
            ctx.timerService().registerEventTimeTimer(EventTimers.timerFor(after.expiresAt()));
        }
        out.collect(new ScopedAlert(after.scope(), alert));
    }

    @Override
    public void processBroadcastElement(
            ServiceTopology topology, Context ctx, Collector<ScopedAlert> out) throws Exception {
        ctx.getBroadcastState(TOPOLOGY).put(CURRENT, topology);
        topologyUpdates.inc();
        LOG.info(
                "topology version {} with {} services now scopes new alerts",
                topology.version(),
                topology.size());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScopedAlert> out)
            throws Exception {
        Instant now = Instant.ofEpochMilli(timestamp);
        for (var it = pins.iterator(); it.hasNext(); ) {
            ScopePin pin = it.next().getValue();
            if (ScopeAssigner.expired(pin, now)) {
                it.remove();
            } else {
                // Strictly later than this timer, so re-arming makes progress; a timer already set
                // for
                // that instant is not duplicated.
                ctx.timerService().registerEventTimeTimer(EventTimers.timerFor(pin.expiresAt()));
            }
        }
        if (pins.isEmpty()) {
            pins.clear(); // drop the key's (empty) map itself
        }
    }
}
