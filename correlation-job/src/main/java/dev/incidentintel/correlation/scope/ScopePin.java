package dev.incidentintel.correlation.scope;

import java.time.Instant;

/**
 * The scope an alert (one fingerprint) was given when it started firing, kept until {@code
 * expiresAt} so a topology change does not move an alert away from its incident.
 */
public record ScopePin(String scope, Instant expiresAt) {
    public ScopePin {
        if (scope == null || scope.isBlank() || expiresAt == null) {
            throw new IllegalArgumentException(
                    "a pin needs a scope and an expiry, got " + scope + ", " + expiresAt);
        }
    }
}
