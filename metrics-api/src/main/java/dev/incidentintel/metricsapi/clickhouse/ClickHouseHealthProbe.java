package dev.incidentintel.metricsapi.clickhouse;

import dev.incidentintel.metricsapi.health.HealthProbe;
import java.util.Objects;

/** Health probe that asks ClickHouse {@code SELECT 1}. */
public final class ClickHouseHealthProbe implements HealthProbe {
    private final ClickHouseConnections connections;

    public ClickHouseHealthProbe(ClickHouseConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public boolean storageAnswers() {
        return connections.ping();
    }
}
