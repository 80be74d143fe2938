package dev.incidentintel.metricsapi.http;

import dev.incidentintel.metricsapi.ErrorCode;
import dev.incidentintel.metricsapi.health.HealthReport;
import dev.incidentintel.metricsapi.health.HealthService;
import io.javalin.http.Context;
import java.util.Objects;

/** {@code GET /health}: 200 {@code {"status":"ok"}} when ClickHouse answers, else 503. */
public final class HealthController {
    private final HealthService service;

    public HealthController(HealthService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    public void health(Context ctx) {
        HealthReport report = service.check();
        ctx.status(report.healthy() ? 200 : ErrorCode.STORAGE_UNAVAILABLE.httpStatus())
                .json(report);
    }
}
