package dev.incidentintel.metricsapi.health;

/** Asks the store whether it answers. Implementations must not throw and should return quickly. */
@FunctionalInterface
public interface HealthProbe {
    /** True when the store answered a trivial query. */
    boolean storageAnswers();
}
