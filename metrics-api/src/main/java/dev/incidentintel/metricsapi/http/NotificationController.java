package dev.incidentintel.metricsapi.http;

import dev.incidentintel.metricsapi.incident.FeedCursor;
import dev.incidentintel.metricsapi.notification.NotificationFilter;
import dev.incidentintel.metricsapi.notification.NotificationService;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code GET /api/v1/notifications}: what the notifier sent, to which channel, why, and the
 * delivery outcome (docs/METRICS.md#notifications). HTTP I/O and parameter conversion only.
 */
public final class NotificationController {
    private final NotificationService service;

    public NotificationController(NotificationService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    public void list(Context ctx) {
        int limit =
                QueryParams.optional(
                        ctx,
                        "limit",
                        Integer.class,
                        NotificationFilter.DEFAULT_LIMIT,
                        "an integer 1.." + NotificationFilter.MAX_LIMIT);
        Instant from =
                QueryParams.optional(ctx, "from", Instant.class, null, "an ISO-8601 instant");
        Instant to = QueryParams.optional(ctx, "to", Instant.class, null, "an ISO-8601 instant");
        ctx.json(
                service.list(
                        new NotificationFilter(
                                limit,
                                ctx.queryParam("incident"),
                                ctx.queryParam("channel"),
                                ctx.queryParam("outcome"),
                                from,
                                to,
                                FeedCursor.decode(ctx.queryParam("cursor")))));
    }
}
