package dev.incidentintel.events;

import java.time.Instant;
import java.util.Map;

/**
 * A deploy suspected of causing an incident, with its score in [0, 1] and the components the score
 * was made of ({@code timeScore}, {@code topologyScore}, {@code statusWeight}, {@code
 * minutesBeforeImpact}, {@code distance}), so an on-call engineer can see why it is suspected.
 */
public record SuspectDeploy(
        String service,
        String environment,
        String version,
        String commit,
        DeployStatus status,
        Instant deployedAt,
        String url,
        double score,
        Map<String, Double> components) {

    public SuspectDeploy {
        Checks.requiredText(service, "service");
        Checks.requiredText(environment, "environment");
        Checks.required(status, "status");
        Checks.required(deployedAt, "deployedAt");
        version = Checks.textOrEmpty(version);
        commit = Checks.textOrEmpty(commit);
        url = Checks.textOrEmpty(url);
        components =
                components == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(components));
    }

    /** Short reference {@code service@version (commit)} used in tables and notifications. */
    public String ref() {
        return service + "@" + (version.isEmpty() ? commit : version);
    }
}
