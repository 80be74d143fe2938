package dev.incidentintel.benchmarks.scenario;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated scenario: the notifications to replay (in the order Alertmanager would deliver them),
 * the deploys, and the ground truth.
 *
 * @param spec the settings it was generated from
 * @param seed the random seed (same spec and seed: the same scenario)
 * @param topology the services and their dependencies
 * @param alerts every alert notification (first firings, repeats, resolves) ordered by receive time
 * @param deploys every deploy, bad and benign, ordered by time
 * @param episodes the true episodes; every firing occurrence of {@code alerts} is in exactly one
 */
public record Scenario(
        ScenarioSpec spec,
        long seed,
        Topology topology,
        List<AlertEvent> alerts,
        List<DeployEvent> deploys,
        List<Episode> episodes) {

    public Scenario {
        alerts = List.copyOf(alerts);
        deploys = List.copyOf(deploys);
        episodes = List.copyOf(episodes);
    }

    /** Ground truth: occurrence to episode id. */
    public Map<Occurrence, String> truth() {
        Map<Occurrence, String> truth = new HashMap<>();
        for (Episode e : episodes) {
            for (Occurrence o : e.occurrences()) {
                if (truth.put(o, e.id()) != null) {
                    throw new IllegalStateException("occurrence in two episodes: " + o);
                }
            }
        }
        return truth;
    }

    /** Episodes caused by a bad deploy: episode id to the deploy's {@code service@version}. */
    public Map<String, String> badDeploys() {
        Map<String, String> out = new HashMap<>();
        for (Episode e : episodes) {
            if (!e.badDeploy().isEmpty()) {
                out.put(e.id(), e.badDeploy());
            }
        }
        return out;
    }
}
