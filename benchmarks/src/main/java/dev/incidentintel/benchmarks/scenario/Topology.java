package dev.incidentintel.benchmarks.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A service topology: each service lists the services it depends on. A failure spreads from a
 * service to its dependents (the services that call it), which is the direction cascades take in
 * the generated scenarios.
 *
 * @param dependencies service name to the services it depends on, in a stable order
 */
public record Topology(Map<String, List<String>> dependencies) {

    public Topology {
        if (dependencies == null || dependencies.isEmpty()) {
            throw new IllegalArgumentException("dependencies must name at least one service");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        dependencies.forEach((service, deps) -> copy.put(service, List.copyOf(deps)));
        for (Map.Entry<String, List<String>> e : copy.entrySet()) {
            for (String d : e.getValue()) {
                if (!copy.containsKey(d)) {
                    throw new IllegalArgumentException(
                            "dependencies: " + e.getKey() + " depends on unknown service " + d);
                }
            }
        }
        dependencies = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * A random layered topology of {@code size} services: service {@code i} depends on one or two
     * of the (up to) six services created just before it, so the graph is acyclic and connected,
     * with low-index services (databases, queues) at the bottom of long dependency chains.
     */
    public static Topology random(int size, Random random) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        Map<String, List<String>> deps = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = String.format("%s-%02d", STEMS[i % STEMS.length], i);
            List<String> mine = new ArrayList<>();
            if (i > 0) {
                int lo = Math.max(0, i - 6);
                mine.add(names.get(lo + random.nextInt(i - lo)));
                if (i > 1 && random.nextBoolean()) {
                    String second = names.get(lo + random.nextInt(i - lo));
                    if (!mine.contains(second)) {
                        mine.add(second);
                    }
                }
            }
            names.add(name);
            deps.put(name, mine);
        }
        return new Topology(deps);
    }

    private static final String[] STEMS = {
        "postgres",
        "kafka",
        "redis",
        "auth",
        "catalog",
        "inventory",
        "payments",
        "orders",
        "search",
        "cart",
        "pricing",
        "shipping",
        "notify",
        "checkout",
        "gateway",
        "frontend"
    };

    /** Every service, in creation order. */
    public List<String> services() {
        return List.copyOf(dependencies.keySet());
    }

    /** The services that depend on {@code service} directly (where its failure spreads to). */
    public List<String> dependents(String service) {
        List<String> out = new ArrayList<>();
        dependencies.forEach(
                (s, deps) -> {
                    if (deps.contains(service)) {
                        out.add(s);
                    }
                });
        return out;
    }
}
