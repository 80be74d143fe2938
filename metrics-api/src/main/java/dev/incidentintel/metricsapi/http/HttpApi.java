package dev.incidentintel.metricsapi.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.metricsapi.health.HealthService;
import dev.incidentintel.metricsapi.incident.IncidentService;
import dev.incidentintel.metricsapi.kpi.KpiService;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The HTTP surface: JSON mapping, routes and error mapping, applied to a Javalin configuration.
 * Routes are versioned under {@code /api/v1}; KPI endpoints live under {@code /api/v1/kpi}.
 */
public final class HttpApi {
  private HttpApi() {}

  /** Registers JSON mapping, parameter converters, routes and error handlers on {@code cfg}. */
  public static void configure(
      JavalinConfig cfg, IncidentService incidents, KpiService kpis, HealthService health) {
    cfg.startup.showJavalinBanner = false;
    cfg.jsonMapper(new JavalinJackson(objectMapper(), false));
    cfg.validation.register(Instant.class, HttpApi::parseInstant);

    HealthController healthController = new HealthController(health);
    IncidentController incidentController = new IncidentController(incidents);
    KpiController kpiController = new KpiController(kpis);

    cfg.routes.get("/health", healthController::health);
    cfg.routes.get("/api/v1/incidents", incidentController::list);
    cfg.routes.get("/api/v1/incidents/{id}", incidentController::get);
    cfg.routes.get("/api/v1/kpi/mttx", kpiController::mttx);

    ErrorMapping.register(cfg.routes);
  }

  /**
   * The API's JSON mapper: {@link EventJson}'s (ISO-8601 instants) but writing {@code null}s, so a
   * timestamp not reached yet or a statistic without data appears as {@code null} instead of
   * vanishing from the response.
   */
  public static ObjectMapper objectMapper() {
    ObjectMapper mapper = EventJson.mapper().copy();
    mapper.setDefaultPropertyInclusion(
        JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
    return mapper;
  }

  /** ISO-8601 instant, with {@code Z} or an explicit offset. */
  static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }
}
