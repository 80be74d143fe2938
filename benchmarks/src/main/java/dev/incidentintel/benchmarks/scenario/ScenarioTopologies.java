package dev.incidentintel.benchmarks.scenario;

import dev.incidentintel.correlation.topology.ServiceTopology;
import java.util.ArrayList;
import java.util.List;

/** The generator's {@link Topology} as the job's {@link ServiceTopology} document. */
public final class ScenarioTopologies {
    private ScenarioTopologies() {}

    /** Every service with its dependencies; no owning teams (the generator has none). */
    public static ServiceTopology of(Topology topology, long version) {
        List<ServiceTopology.Service> services = new ArrayList<>();
        topology.dependencies()
                .forEach((name, deps) -> services.add(new ServiceTopology.Service(name, "", deps)));
        return new ServiceTopology(version, services);
    }
}
