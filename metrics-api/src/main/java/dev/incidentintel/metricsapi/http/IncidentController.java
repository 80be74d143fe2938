package dev.incidentintel.metricsapi.http;

import dev.incidentintel.metricsapi.incident.FeedCursor;
import dev.incidentintel.metricsapi.incident.IncidentFilter;
import dev.incidentintel.metricsapi.incident.IncidentService;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code GET /api/v1/incidents} and {@code GET /api/v1/incidents/{id}}: reads and converts
 * parameters, calls {@link IncidentService}, writes JSON.
 */
public final class IncidentController {
    private final IncidentService service;

    public IncidentController(IncidentService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    public void list(Context ctx) {
        int limit =
                QueryParams.optional(
                        ctx,
                        "limit",
                        Integer.class,
                        IncidentFilter.DEFAULT_LIMIT,
                        "an integer 1.." + IncidentFilter.MAX_LIMIT);
        IncidentFilter filter =
                new IncidentFilter(
                        limit,
                        ctx.queryParam("environment"),
                        ctx.queryParam("service"),
                        ctx.queryParam("status"),
                        ctx.queryParam("team"),
                        ctx.queryParam("priority"),
                        ctx.queryParam("category"),
                        ctx.queryParam("q"),
                        FeedCursor.decode(ctx.queryParam("cursor")));
        ctx.json(service.list(filter));
    }

    public void get(Context ctx) {
        ctx.json(service.detail(ctx.pathParam("id")));
    }
}
