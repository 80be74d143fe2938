package dev.incidentintel.metricsapi;

import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseHealthProbe;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseIncidentRepository;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseKpiRepository;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseNotificationRepository;
import dev.incidentintel.metricsapi.clickhouse.IncidentSnapshots;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import dev.incidentintel.metricsapi.health.HealthService;
import dev.incidentintel.metricsapi.http.HttpApi;
import dev.incidentintel.metricsapi.incident.IncidentService;
import dev.incidentintel.metricsapi.kpi.KpiService;
import dev.incidentintel.metricsapi.notification.NotificationService;
import dev.incidentintel.metricsapi.triage.TriageService;
import dev.incidentintel.metricsapi.triage.TriageSettings;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the metrics API: ClickHouse adapters into services into HTTP. {@link #create} builds the
 * Javalin app without starting it (tests start it on port 0); {@link #start} migrates the schema
 * first, then listens, and returns a handle that stops the server when closed.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private final IncidentSnapshots snapshots;

    private ApiServer(Javalin app, IncidentSnapshots snapshots) {
        this.app = app;
        this.snapshots = snapshots;
    }

    /** The app for {@code config}'s ClickHouse, with the system UTC clock. Not started. */
    public static Javalin create(ApiConfig config) {
        return create(config, Clock.systemUTC());
    }

    /**
     * The app for {@code config}'s ClickHouse. Not started, and the schema is not migrated.
     *
     * @param clock what "now" is for default KPI windows
     */
    public static Javalin create(ApiConfig config, Clock clock) {
        return create(config, clock, ApiSettings.defaults());
    }

    /** The app with explicit settings (SLO targets, read tokens). Not started, not migrated. */
    public static Javalin create(ApiConfig config, Clock clock, ApiSettings settings) {
        return create(config, clock, settings, TriageService.unconfigured());
    }

    /** As above, with the service behind {@code POST /api/v1/triage}. */
    public static Javalin create(
            ApiConfig config, Clock clock, ApiSettings settings, TriageService triage) {
        Objects.requireNonNull(config, "config");
        ClickHouseConnections connections = ClickHouseConnections.of(config.clickHouse());
        return create(
                connections, clock, settings, triage, IncidentSnapshots.of(connections, clock));
    }

    /** The repository of KPIs: reading snapshots unless the settings turn them off. */
    private static ClickHouseKpiRepository kpiRepository(
            ClickHouseConnections connections, ApiSettings settings, IncidentSnapshots snapshots) {
        return new ClickHouseKpiRepository(
                connections, settings.snapshotInterval().isZero() ? null : snapshots);
    }

    /**
     * As above over existing connections; KPIs read current incidents from the latest of {@code
     * snapshots} (whoever takes them).
     */
    private static Javalin create(
            ClickHouseConnections connections,
            Clock clock,
            ApiSettings settings,
            TriageService triage,
            IncidentSnapshots snapshots) {
        Objects.requireNonNull(settings, "settings");
        IncidentService incidents =
                new IncidentService(new ClickHouseIncidentRepository(connections));
        KpiService kpis =
                new KpiService(
                        kpiRepository(connections, settings, snapshots),
                        clock,
                        settings.sloTargets(),
                        reportParts());
        HealthService health = new HealthService(new ClickHouseHealthProbe(connections));
        NotificationService notifications =
                new NotificationService(new ClickHouseNotificationRepository(connections));
        return Javalin.create(
                cfg ->
                        HttpApi.configure(
                                cfg,
                                incidents,
                                kpis,
                                health,
                                settings.readTokens(),
                                triage,
                                notifications));
    }

    /**
     * Threads for the second query of a KPI report (KpiService): daemon threads that end after a
     * minute idle; when all are busy the request thread runs the query itself, so nothing queues.
     */
    private static Executor reportParts() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        AtomicInteger created = new AtomicInteger();
        return new ThreadPoolExecutor(
                0,
                threads,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "kpi-report-part-" + created.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * Migrates the schema, then starts listening on {@code config.host():config.port()}.
     *
     * @throws dev.incidentintel.metricsapi.clickhouse.SchemaMigrationException when the schema
     *     cannot be brought up to date (the API does not start)
     */
    public static ApiServer start(ApiConfig config) {
        return start(config, ApiSettings.fromEnvironment(System.getenv()));
    }

    /** As {@link #start(ApiConfig)} with explicit settings instead of the environment's. */
    public static ApiServer start(ApiConfig config, ApiSettings settings) {
        return start(config, settings, TriageSettings.fromEnvironment(System.getenv()));
    }

    /** As above with explicit triage settings (model, runbooks, past incidents). */
    public static ApiServer start(ApiConfig config, ApiSettings settings, TriageSettings triage) {
        ClickHouseConnections connections = ClickHouseConnections.of(config.clickHouse());
        SchemaMigrator.fromClasspath(connections).migrate();
        TriageService triageService = TriageService.of(triage, Clock.systemUTC());
        IncidentSnapshots snapshots = IncidentSnapshots.of(connections, Clock.systemUTC());
        Javalin app =
                create(connections, Clock.systemUTC(), settings, triageService, snapshots)
                        .start(config.host(), config.port());
        if (!settings.snapshotInterval().isZero()) {
            snapshots.startTaking(settings.snapshotInterval());
            LOG.info(
                    "incident snapshots every {} (docs/METRICS.md#snapshots-kpis)",
                    settings.snapshotInterval());
        }
        if (triage.model() != null) {
            LOG.info(
                    "triage model {} (checked for a newer version every {})",
                    triage.model(),
                    triage.reloadInterval());
        }
        if (settings.readTokens().enabled()) {
            LOG.info("metrics-api read tokens are on: /api/* needs a bearer token");
        }
        LOG.info(
                "metrics-api listening on {}:{} (ClickHouse {})",
                config.host(),
                app.port(),
                config.clickhouseUrl());
        return new ApiServer(app, snapshots);
    }

    /**
     * The monthly report builder over {@code config}'s ClickHouse, for the command line (no HTTP
     * server, no migration: the schema must exist).
     */
    public static dev.incidentintel.metricsapi.report.ReportService reports(
            ApiConfig config, ApiSettings settings) {
        ClickHouseConnections connections = ClickHouseConnections.of(config.clickHouse());
        return new dev.incidentintel.metricsapi.report.ReportService(
                new KpiService(
                        kpiRepository(
                                connections,
                                settings,
                                IncidentSnapshots.of(connections, Clock.systemUTC())),
                        Clock.systemUTC(),
                        settings.sloTargets()));
    }

    /** The port actually bound (useful when the config asked for 0). */
    public int port() {
        return app.port();
    }

    /** Stops taking incident snapshots and the HTTP server. */
    @Override
    public void close() {
        snapshots.close();
        app.stop();
    }
}
