package dev.incidentintel.metricsapi.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Result of a health check: {@code {"status":"ok"}}, or {@code status} {@code unavailable} with a
 * message saying which dependency failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String status, String message) {
    /** Status value of a healthy API. */
    public static final String OK = "ok";

    /** Status value when a dependency does not answer. */
    public static final String UNAVAILABLE = "unavailable";

    @JsonIgnore
    public boolean healthy() {
        return OK.equals(status);
    }
}
