package dev.incidentintel.metricsapi.http;

import dev.incidentintel.metricsapi.kpi.Bucket;
import dev.incidentintel.metricsapi.kpi.GroupBy;
import dev.incidentintel.metricsapi.kpi.HeatmapKind;
import dev.incidentintel.metricsapi.kpi.KpiFilter;
import dev.incidentintel.metricsapi.kpi.KpiRequest;
import dev.incidentintel.metricsapi.kpi.KpiService;
import dev.incidentintel.metricsapi.kpi.TimeZones;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code GET /api/v1/kpi/*}: KPI endpoints. Each handler converts its parameters and delegates to
 * {@link KpiService}; window and grouping rules live there, definitions in docs/METRICS.md. Every
 * endpoint takes {@code from}, {@code to}, {@code groupBy}, the filters {@code service}, {@code
 * team}, {@code environment}, {@code priority}, {@code category}, and {@code tz}.
 */
public final class KpiController {
    private static final String INSTANT = "an ISO-8601 instant such as 2024-05-01T00:00:00Z";

    private final KpiService service;

    public KpiController(KpiService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /** The parameters every KPI endpoint shares. */
    static KpiRequest request(Context ctx) {
        Instant from = QueryParams.optional(ctx, "from", Instant.class, null, INSTANT);
        Instant to = QueryParams.optional(ctx, "to", Instant.class, null, INSTANT);
        GroupBy groupBy = GroupBy.parse(ctx.queryParam("groupBy"));
        KpiFilter filter =
                new KpiFilter(
                        ctx.queryParam("service"),
                        ctx.queryParam("team"),
                        ctx.queryParam("environment"),
                        ctx.queryParam("priority"),
                        ctx.queryParam("category"));
        return new KpiRequest(from, to, groupBy, filter, TimeZones.parse(ctx.queryParam("tz")));
    }

    private static int limit(Context ctx) {
        return QueryParams.optional(
                ctx,
                "limit",
                Integer.class,
                KpiService.DEFAULT_LIMIT,
                "an integer 1.." + KpiService.MAX_LIMIT);
    }

    /** {@code GET /api/v1/kpi/mttx}. */
    public void mttx(Context ctx) {
        ctx.json(service.mttx(request(ctx)));
    }

    /** {@code GET /api/v1/kpi/slo?limit=}. */
    public void slo(Context ctx) {
        ctx.json(service.slo(request(ctx), limit(ctx)));
    }

    /** {@code GET /api/v1/kpi/recurrence?limit=}. */
    public void recurrence(Context ctx) {
        ctx.json(service.recurrence(request(ctx), limit(ctx)));
    }

    /** {@code GET /api/v1/kpi/escalation}. */
    public void escalation(Context ctx) {
        ctx.json(service.escalation(request(ctx)));
    }

    /** {@code GET /api/v1/kpi/backlog}. */
    public void backlog(Context ctx) {
        ctx.json(service.backlog(request(ctx)));
    }

    /** {@code GET /api/v1/kpi/volume?bucket=hour|day|week|month}. */
    public void volume(Context ctx) {
        ctx.json(service.volume(request(ctx), Bucket.parse(ctx.queryParam("bucket"))));
    }

    /** {@code GET /api/v1/kpi/heatmap?kind=weekday-hour|service-week}. */
    public void heatmap(Context ctx) {
        ctx.json(service.heatmap(request(ctx), HeatmapKind.parse(ctx.queryParam("kind"))));
    }

    /** {@code GET /api/v1/kpi/noise?limit=}. */
    public void noise(Context ctx) {
        ctx.json(service.noise(request(ctx), limit(ctx)));
    }

    /** {@code GET /api/v1/kpi/dora}. */
    public void dora(Context ctx) {
        ctx.json(service.dora(request(ctx)));
    }
}
