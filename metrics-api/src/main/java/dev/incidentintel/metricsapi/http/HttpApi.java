package dev.incidentintel.metricsapi.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.metricsapi.auth.ReadTokens;
import dev.incidentintel.metricsapi.health.HealthService;
import dev.incidentintel.metricsapi.incident.IncidentService;
import dev.incidentintel.metricsapi.kpi.KpiService;
import dev.incidentintel.metricsapi.notification.NotificationService;
import dev.incidentintel.metricsapi.report.ReportService;
import dev.incidentintel.metricsapi.triage.TriageService;
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
        configure(cfg, incidents, kpis, health, ReadTokens.off());
    }

    /**
     * As above, with read tokens: every {@code /api/*} request needs a bearer token carrying the
     * path's scope when tokens are configured ({@code /}, {@code /health} and {@code /openapi.json}
     * stay public).
     */
    public static void configure(
            JavalinConfig cfg,
            IncidentService incidents,
            KpiService kpis,
            HealthService health,
            ReadTokens tokens) {
        configure(cfg, incidents, kpis, health, tokens, TriageService.unconfigured());
    }

    /** As above, with the triage service behind {@code POST /api/v1/triage}. */
    public static void configure(
            JavalinConfig cfg,
            IncidentService incidents,
            KpiService kpis,
            HealthService health,
            ReadTokens tokens,
            TriageService triage) {
        configure(cfg, incidents, kpis, health, tokens, triage, null);
    }

    /**
     * As above, with the notifications list behind {@code GET /api/v1/notifications} ({@code null}:
     * no such route).
     */
    public static void configure(
            JavalinConfig cfg,
            IncidentService incidents,
            KpiService kpis,
            HealthService health,
            ReadTokens tokens,
            TriageService triage,
            NotificationService notifications) {
        cfg.startup.showJavalinBanner = false;
        cfg.jsonMapper(new JavalinJackson(objectMapper(), false));
        cfg.validation.register(Instant.class, HttpApi::parseInstant);

        HealthController healthController = new HealthController(health);
        IncidentController incidentController = new IncidentController(incidents);
        KpiController kpiController = new KpiController(kpis);

        cfg.routes.before(
                "/api/*", ctx -> tokens.check(ctx.header("Authorization"), scopeOf(ctx.path())));
        cfg.routes.get("/health", healthController::health);
        cfg.routes.get("/api/v1/incidents", incidentController::list);
        cfg.routes.get("/api/v1/incidents/{id}", incidentController::get);
        cfg.routes.get("/api/v1/kpi/mttx", kpiController::mttx);
        cfg.routes.get("/api/v1/kpi/slo", kpiController::slo);
        cfg.routes.get("/api/v1/kpi/recurrence", kpiController::recurrence);
        cfg.routes.get("/api/v1/kpi/escalation", kpiController::escalation);
        cfg.routes.get("/api/v1/kpi/backlog", kpiController::backlog);
        cfg.routes.get("/api/v1/kpi/volume", kpiController::volume);
        cfg.routes.get("/api/v1/kpi/heatmap", kpiController::heatmap);
        cfg.routes.get("/api/v1/kpi/noise", kpiController::noise);
        cfg.routes.get("/api/v1/kpi/dora", kpiController::dora);
        cfg.routes.get(
                "/api/v1/reports/monthly", new ReportController(new ReportService(kpis))::monthly);
        cfg.routes.post("/api/v1/triage", new TriageController(triage)::triage);
        if (notifications != null) {
            cfg.routes.get(
                    "/api/v1/notifications", new NotificationController(notifications)::list);
        }
        cfg.routes.get("/openapi.json", StaticResources.json("openapi.json"));
        cfg.routes.get("/", StaticResources.html("web/index.html"));

        ErrorMapping.register(cfg.routes);
    }

    /** The scope a path needs. */
    static String scopeOf(String path) {
        if (path.startsWith("/api/v1/incidents")
                || path.startsWith("/api/v1/triage")
                || path.startsWith("/api/v1/notifications")) {
            return "incidents:read";
        }
        if (path.startsWith("/api/v1/reports")) {
            return "reports:read";
        }
        return "kpi:read";
    }

    /**
     * The API's JSON mapper: {@link EventJson}'s (ISO-8601 instants) but writing {@code null}s, so
     * a timestamp not reached yet or a statistic without data appears as {@code null} instead of
     * vanishing from the response.
     */
    public static ObjectMapper objectMapper() {
        ObjectMapper mapper = EventJson.mapper().copy();
        mapper.setDefaultPropertyInclusion(
                JsonInclude.Value.construct(
                        JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
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
