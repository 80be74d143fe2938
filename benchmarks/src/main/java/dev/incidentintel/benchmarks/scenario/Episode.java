package dev.incidentintel.benchmarks.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One true problem of a scenario: what an operator would want as one incident.
 *
 * @param id episode id ({@code ep-007}; noise alerts are episodes of their own, {@code noise-003})
 * @param root the service where the problem starts
 * @param depths every affected service with its hop count from the root along dependents (root 0)
 * @param impactStart when the root's first alert started
 * @param badDeploy {@code service@version} of the deploy that caused it, or empty
 * @param occurrences the alert occurrences that belong to it, earliest first
 */
public record Episode(
        String id,
        String root,
        Map<String, Integer> depths,
        Instant impactStart,
        String badDeploy,
        List<Occurrence> occurrences) {

    public Episode {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        if (depths == null || !Integer.valueOf(0).equals(depths.get(root))) {
            throw new IllegalArgumentException("depths must hold the root " + root + " at depth 0");
        }
        depths = Map.copyOf(depths);
        badDeploy = badDeploy == null ? "" : badDeploy;
        occurrences = occurrences.stream().sorted().toList();
    }

    /** True for a single stray alert rather than a cascading failure. */
    public boolean noise() {
        return id.startsWith("noise-");
    }
}
