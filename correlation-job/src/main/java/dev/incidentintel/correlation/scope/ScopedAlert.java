package dev.incidentintel.correlation.scope;

import dev.incidentintel.events.AlertEvent;

/**
 * An alert notification with the correlation scope it was assigned ({@link ScopeAssigner}); the
 * correlator's input, keyed by {@code scope}.
 */
public record ScopedAlert(String scope, AlertEvent alert) {
    public ScopedAlert {
        if (scope == null || scope.isBlank() || alert == null) {
            throw new IllegalArgumentException("a scoped alert needs a scope and an alert");
        }
    }
}
