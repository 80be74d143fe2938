package dev.incidentintel.metricsapi.http;

import dev.incidentintel.metricsapi.kpi.GroupBy;
import dev.incidentintel.metricsapi.kpi.KpiService;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code GET /api/v1/kpi/*}: KPI endpoints. Each handler converts its parameters and delegates to
 * {@link KpiService}; window and grouping rules live there, definitions in docs/METRICS.md.
 */
public final class KpiController {
  private static final String INSTANT = "an ISO-8601 instant such as 2024-05-01T00:00:00Z";

  private final KpiService service;

  public KpiController(KpiService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /** {@code GET /api/v1/kpi/mttx?from=&to=&groupBy=}. */
  public void mttx(Context ctx) {
    Instant from = QueryParams.optional(ctx, "from", Instant.class, null, INSTANT);
    Instant to = QueryParams.optional(ctx, "to", Instant.class, null, INSTANT);
    GroupBy groupBy = GroupBy.parse(ctx.queryParam("groupBy"));
    ctx.json(service.mttx(from, to, groupBy));
  }
}
