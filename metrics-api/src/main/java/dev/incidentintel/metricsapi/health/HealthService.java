package dev.incidentintel.metricsapi.health;

import java.util.Objects;

/** Decides whether the API can serve: it can when ClickHouse answers. */
public final class HealthService {
    private final HealthProbe storage;

    public HealthService(HealthProbe storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Checks the store now. */
    public HealthReport check() {
        return storage.storageAnswers()
                ? new HealthReport(HealthReport.OK, null)
                : new HealthReport(HealthReport.UNAVAILABLE, "ClickHouse did not answer SELECT 1");
    }
}
