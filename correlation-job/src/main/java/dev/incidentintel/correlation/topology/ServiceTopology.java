package dev.incidentintel.correlation.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The service topology: services, their owning team and the services each depends on. Pure and
 * immutable; read from a YAML file ({@link TopologyDocuments}) or a JSON document on the {@code
 * topology.v1} topic, in the same layout:
 *
 * <pre>
 * version: 3
 * services:
 *   - name: checkout
 *     team: payments
 *     dependsOn: [payments, cart]
 * </pre>
 *
 * <p>Dependencies are treated as undirected edges for correlation (a failure spreads both ways
 * along a call: callers time out, callees get overloaded). A service named only as a dependency is
 * a node too. {@link #componentOf} names the connected component of a service by its smallest
 * service name, so the name is stable while the component keeps that member; {@link #distance} is
 * the hop count of the shortest path. One topology applies to every environment.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ServiceTopology implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One service entry of the document. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Service(String name, String team, List<String> dependsOn)
            implements Serializable {
        public Service {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("topology: every service needs a name");
            }
            team = team == null ? "" : team;
            dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
            for (String d : dependsOn) {
                if (d == null || d.isBlank()) {
                    throw new IllegalArgumentException(
                            "topology: service " + name + " has a blank dependency");
                }
            }
        }
    }

    private final long version;
    private final List<Service> services;
    // Derived indexes, rebuilt after deserialisation.
    private transient Map<String, List<String>> neighbours;
    private transient Map<String, String> components;
    private transient Map<String, Map<String, Integer>> distances;
    private transient Map<String, List<String>> dependenciesOf;
    private transient Map<String, Map<String, Integer>> downstream;

    @JsonCreator
    public ServiceTopology(
            @JsonProperty("version") long version,
            @JsonProperty("services") List<Service> services) {
        this.version = version;
        this.services = services == null ? List.of() : List.copyOf(services);
        Map<String, Service> seen = new HashMap<>();
        for (Service s : this.services) {
            if (seen.put(s.name(), s) != null) {
                throw new IllegalArgumentException(
                        "topology: service " + s.name() + " is listed twice");
            }
        }
    }

    /** A topology that knows no service (every alert falls back to the grouping label). */
    public static ServiceTopology empty() {
        return new ServiceTopology(0, List.of());
    }

    /** The document's version (informational; the last document received wins). */
    @JsonProperty("version")
    public long version() {
        return version;
    }

    /** The services as listed in the document. */
    @JsonProperty("services")
    public List<Service> services() {
        return services;
    }

    /** True when the service is listed or named as a dependency. */
    public boolean knows(String service) {
        return index().containsKey(service);
    }

    /** Number of known services (listed or named as a dependency). */
    public int size() {
        return index().size();
    }

    /** The owning team of a listed service, empty when unknown or not given. */
    public Optional<String> teamOf(String service) {
        for (Service s : services) {
            if (s.name().equals(service) && !s.team().isBlank()) {
                return Optional.of(s.team());
            }
        }
        return Optional.empty();
    }

    /** The name of the service's connected component (its smallest member), empty when unknown. */
    public Optional<String> componentOf(String service) {
        index();
        return Optional.ofNullable(components.get(service));
    }

    /**
     * Hops on the shortest path between two services: 0 for the same service (known or not), empty
     * when either is unknown or they are not connected.
     */
    public OptionalInt distance(String a, String b) {
        if (a.equals(b)) {
            return OptionalInt.of(0);
        }
        if (!knows(a) || !knows(b)) {
            return OptionalInt.empty();
        }
        Integer hops = distances.computeIfAbsent(a, this::breadthFirst).get(b);
        return hops == null ? OptionalInt.empty() : OptionalInt.of(hops);
    }

    /**
     * Hops from {@code service} down its dependency chain to {@code dependency} ({@code service}
     * depends on something that ... depends on {@code dependency}): the direction failures usually
     * spread in reverse, from a dependency to its callers. 0 for the same service; empty when there
     * is no such chain.
     */
    public OptionalInt dependencyDistance(String service, String dependency) {
        if (service.equals(dependency)) {
            return OptionalInt.of(0);
        }
        if (!knows(service) || !knows(dependency)) {
            return OptionalInt.empty();
        }
        Integer hops =
                downstream
                        .computeIfAbsent(service, s -> breadthFirst(s, dependenciesOf))
                        .get(dependency);
        return hops == null ? OptionalInt.empty() : OptionalInt.of(hops);
    }

    private Map<String, Integer> breadthFirst(String from) {
        return breadthFirst(from, neighbours);
    }

    private static Map<String, Integer> breadthFirst(
            String from, Map<String, List<String>> neighbours) {
        Map<String, Integer> hops = new HashMap<>();
        hops.put(from, 0);
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String s = queue.poll();
            for (String n : neighbours.get(s)) {
                if (!hops.containsKey(n)) {
                    hops.put(n, hops.get(s) + 1);
                    queue.add(n);
                }
            }
        }
        return hops;
    }

    private Map<String, List<String>> index() {
        if (neighbours == null) {
            Map<String, List<String>> adjacent = new LinkedHashMap<>();
            for (Service s : services) {
                adjacent.computeIfAbsent(s.name(), k -> new ArrayList<>());
                for (String d : s.dependsOn()) {
                    adjacent.computeIfAbsent(d, k -> new ArrayList<>());
                    if (!d.equals(s.name())) {
                        adjacent.get(s.name()).add(d);
                        adjacent.get(d).add(s.name());
                    }
                }
            }
            Map<String, String> component = new HashMap<>();
            for (String start : adjacent.keySet()) {
                if (component.containsKey(start)) {
                    continue;
                }
                TreeSet<String> members = new TreeSet<>();
                Deque<String> queue = new ArrayDeque<>(List.of(start));
                members.add(start);
                while (!queue.isEmpty()) {
                    for (String n : adjacent.get(queue.poll())) {
                        if (members.add(n)) {
                            queue.add(n);
                        }
                    }
                }
                for (String m : members) {
                    component.put(m, members.first());
                }
            }
            components = component;
            distances = new HashMap<>();
            Map<String, List<String>> deps = new HashMap<>();
            adjacent.keySet().forEach(k -> deps.put(k, new ArrayList<>()));
            for (Service s : services) {
                deps.get(s.name()).addAll(s.dependsOn());
            }
            dependenciesOf = deps;
            downstream = new HashMap<>();
            neighbours = adjacent;
        }
        return neighbours;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceTopology t
                && t.version == version
                && t.services.equals(services);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + services.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceTopology[version=" + version + ", services=" + services.size() + "]";
    }
}
