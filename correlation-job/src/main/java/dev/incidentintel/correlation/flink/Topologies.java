package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.scope.ScopeOptions;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.correlation.topology.TopologyDocuments;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The topology inputs of the job: the file read at start, and event-time handling of updates. */
final class Topologies {
    private Topologies() {}

    /** The topology file's content, or an empty topology when no file is configured. */
    static ServiceTopology initial(ScopeOptions scope) {
        return scope.topologyFile().isEmpty()
                ? ServiceTopology.empty()
                : TopologyDocuments.readYaml(Path.of(scope.topologyFile()));
    }

    /**
     * Topology documents carry configuration, not events: their input is always idle, so it never
     * holds event time back nor pushes it forward (a document's Kafka timestamp is wall-clock time,
     * unrelated to the alerts' event time in a replay).
     */
    static WatermarkStrategy<ServiceTopology> timeless() {
        return WatermarkStrategy.forGenerator(ctx -> new AlwaysIdle());
    }

    private static final class AlwaysIdle implements WatermarkGenerator<ServiceTopology> {
        @Override
        public void onEvent(ServiceTopology event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }
}
