package dev.incidentintel.ingest.http;

import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.IngestException;
import dev.incidentintel.ingest.kafka.KafkaEventPublisher;
import dev.incidentintel.ingest.normalize.AlertmanagerNormalizer;
import dev.incidentintel.ingest.service.EventPublisher;
import dev.incidentintel.ingest.service.IngestMetrics;
import dev.incidentintel.ingest.service.IngestService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and runs the ingest HTTP server. {@link #create} wires routes and the error mapping and
 * returns an unstarted {@link Javalin} (tests start it on port 0); {@link #start} also builds the
 * Kafka publisher and returns a {@link Running} handle that closes both.
 *
 * <p>Routes: {@code GET /health}, {@code POST /api/v1/alerts/alertmanager}. Every error leaves as
 * {@link ErrorBody} JSON: {@link IngestException} with its own status (plus {@code Retry-After} on
 * 503), Javalin's own HTTP errors (404, 405, 413) with their status, anything else as a 500 whose
 * detail is only logged.
 */
public final class IngestServer {
    private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

    /** Route of the liveness probe. */
    public static final String HEALTH_PATH = "/health";

    /** Route of the Prometheus metrics. */
    public static final String METRICS_PATH = "/metrics";

    private IngestServer() {}

    /** The app with the system UTC clock. */
    public static Javalin create(IngestConfig config, EventPublisher publisher) {
        return create(config, publisher, Clock.systemUTC());
    }

    /** The app, reading receive times from {@code clock}. */
    public static Javalin create(IngestConfig config, EventPublisher publisher, Clock clock) {
        return create(config, publisher, clock, new IngestMetrics());
    }

    /** The app, counting into {@code metrics} (served at {@code GET /metrics}). */
    public static Javalin create(
            IngestConfig config, EventPublisher publisher, Clock clock, IngestMetrics metrics) {
        Objects.requireNonNull(config, "config");
        IngestService service =
                new IngestService(
                        config.labelMapping(),
                        new AlertmanagerNormalizer(config.labelMapping()),
                        publisher,
                        config.alertsTopic(),
                        config.sources(),
                        metrics,
                        clock);
        AlertmanagerController alertmanager =
                new AlertmanagerController(service, config.maxBodyBytes());
        PagerDutyController pagerDuty = new PagerDutyController(service, config.maxBodyBytes());
        String retryAfterSeconds = Long.toString(config.retryAfter().getSeconds());

        return Javalin.create(
                cfg -> {
                    cfg.startup.showJavalinBanner = false;
                    cfg.jetty.host = config.host();
                    cfg.jetty.port = config.port();
                    // Also bounds any body Javalin itself reads; the controller enforces it while
                    // streaming.
                    cfg.http.maxRequestSize = config.maxBodyBytes();
                    // A GET on the webhook URL is a client mistake worth naming precisely.
                    cfg.http.prefer405over404 = true;
                    // Same mapper as the events on Kafka: ISO-8601 instants, nulls omitted.
                    cfg.jsonMapper(new JavalinJackson(EventJson.mapper(), false));

                    cfg.routes.get(HEALTH_PATH, ctx -> ctx.json(Map.of("status", "ok")));
                    cfg.routes.get(
                            METRICS_PATH,
                            ctx ->
                                    ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                                            .result(metrics.render()));
                    cfg.routes.post(AlertmanagerController.PATH, alertmanager::handle);
                    cfg.routes.post(PagerDutyController.ENQUEUE, pagerDuty::enqueue);
                    cfg.routes.post(PagerDutyController.CHANGE, pagerDuty::change);
                    SourceController.PATHS.forEach(
                            (endpoint, path) ->
                                    cfg.routes.post(
                                            path,
                                            new SourceController(
                                                            service,
                                                            endpoint,
                                                            config.maxBodyBytes())
                                                    ::handle));

                    cfg.routes.exception(
                            IngestException.class,
                            (e, ctx) -> ingestError(e, ctx, retryAfterSeconds, metrics));
                    cfg.routes.exception(
                            HttpResponseException.class, (e, ctx) -> httpError(e, ctx, metrics));
                    cfg.routes.exception(
                            Exception.class,
                            (e, ctx) -> {
                                metrics.rejected(ErrorCode.INTERNAL.code());
                                unexpected(e, ctx);
                            });
                    // Unmatched routes may end as a bare status without an exception; give them
                    // JSON too.
                    cfg.routes.error(
                            404,
                            ctx ->
                                    jsonErrorIfEmpty(
                                            ctx,
                                            ErrorCode.NOT_FOUND,
                                            "no route for " + ctx.path()));
                    cfg.routes.error(
                            405,
                            ctx ->
                                    jsonErrorIfEmpty(
                                            ctx,
                                            ErrorCode.METHOD_NOT_ALLOWED,
                                            ctx.method() + " not allowed on " + ctx.path()));
                });
    }

    /** Builds the Kafka publisher from {@code config}, starts the server and returns its handle. */
    public static Running start(IngestConfig config) {
        KafkaEventPublisher publisher =
                KafkaEventPublisher.create(config.bootstrapServers(), config.ackTimeout());
        try {
            Javalin app = create(config, publisher).start();
            LOG.info(
                    "ingest listening on {}:{}, alerts to topic {}",
                    config.host(),
                    app.port(),
                    config.alertsTopic());
            return new Running(app, publisher);
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    private static void ingestError(
            IngestException e, Context ctx, String retryAfterSeconds, IngestMetrics metrics) {
        ErrorCode code = e.code();
        metrics.rejected(code.code());
        if (code.clientError()) {
            LOG.info(
                    "rejected {} {}: {} at {}: {}",
                    ctx.method(),
                    ctx.path(),
                    code.code(),
                    e.field(),
                    e.getMessage());
        } else if (code == ErrorCode.KAFKA_UNAVAILABLE) {
            // The publisher already logged the Kafka side with its cause.
            LOG.debug("answering 503 for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header(Header.RETRY_AFTER, retryAfterSeconds);
        } else {
            LOG.error("failed {} {}", ctx.method(), ctx.path(), e);
        }
        if (code == ErrorCode.INTERNAL) {
            // Server faults keep their detail in the log.
            writeError(ctx, ErrorCode.INTERNAL, "internal error", null);
            return;
        }
        if (code.httpStatus() == 400 && PagerDutyController.owns(ctx.path())) {
            ctx.status(400).json(PagerDutyController.invalidEvent(e));
            return;
        }
        writeError(ctx, code, e.getMessage(), e.field());
    }

    private static void httpError(HttpResponseException e, Context ctx, IngestMetrics metrics) {
        int status = e.getStatus();
        metrics.rejected(status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE.code() : "http_" + status);
        ErrorCode code;
        String message;
        switch (status) {
            case 404:
                code = ErrorCode.NOT_FOUND;
                message = "no route for " + ctx.path();
                break;
            case 405:
                code = ErrorCode.METHOD_NOT_ALLOWED;
                message = ctx.method() + " not allowed on " + ctx.path();
                break;
            case 413:
                code = ErrorCode.PAYLOAD_TOO_LARGE;
                message = "request body is too large";
                break;
            default:
                if (status >= 500) {
                    unexpected(e, ctx);
                    return;
                }
                // Other Javalin client errors keep their own status.
                ctx.status(status)
                        .json(new ErrorBody(ErrorCode.BAD_REQUEST.code(), e.getMessage(), null));
                return;
        }
        writeError(ctx, code, message, null);
    }

    private static void unexpected(Exception e, Context ctx) {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        writeError(ctx, ErrorCode.INTERNAL, "internal error", null);
    }

    private static void jsonErrorIfEmpty(Context ctx, ErrorCode code, String message) {
        String existing = ctx.result();
        if (existing == null
                || existing.isEmpty()
                || !"application/json".equals(baseContentType(ctx))) {
            writeError(ctx, code, message, null);
        }
    }

    private static String baseContentType(Context ctx) {
        String type = ctx.res().getContentType();
        return type == null ? "" : type.split(";", 2)[0].trim();
    }

    private static void writeError(Context ctx, ErrorCode code, String message, String field) {
        ctx.status(code.httpStatus()).json(new ErrorBody(code.code(), message, field));
    }

    /** A started server and its publisher; {@link #close()} stops the server, then the producer. */
    public static final class Running implements AutoCloseable {
        private final Javalin app;
        private final EventPublisher publisher;

        Running(Javalin app, EventPublisher publisher) {
            this.app = app;
            this.publisher = publisher;
        }

        /** The port actually bound (useful when configured as 0). */
        public int port() {
            return app.port();
        }

        /** The running Javalin instance. */
        public Javalin app() {
            return app;
        }

        @Override
        public void close() {
            try {
                // Stop taking requests first so no request publishes to a closed producer.
                app.stop();
            } finally {
                publisher.close();
            }
        }
    }
}
