package dev.incidentintel.metricsapi.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One member alert of an incident and why it was linked: {@code reason} is the correlator's code
 * ({@code opened}, {@code same-scope-within-gap}, ...) and {@code scoreComponents} each measured
 * quantity behind the decision.
 */
public record IncidentAlert(
        String fingerprint,
        String alertName,
        String service,
        String environment,
        Instant linkedAt,
        String reason,
        Map<String, Double> scoreComponents) {

    public IncidentAlert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(linkedAt, "linkedAt");
        // Sorted so the JSON is stable for clients and tests.
        scoreComponents =
                scoreComponents == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(new TreeMap<>(scoreComponents));
    }
}
