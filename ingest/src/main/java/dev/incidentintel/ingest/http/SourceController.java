package dev.incidentintel.ingest.http;

import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import dev.incidentintel.ingest.service.Endpoint;
import dev.incidentintel.ingest.service.IngestOutcome;
import dev.incidentintel.ingest.service.IngestService;
import dev.incidentintel.ingest.service.RequestMeta;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP side of every input except Alertmanager (which keeps its own answer shape) and
 * PagerDuty's Events API (which answers like PagerDuty): reads the body within the limit, extracts
 * credentials and parameters into a {@link RequestMeta}, answers 202 with the {@link IngestOutcome}
 * once Kafka acknowledged.
 */
public final class SourceController {
    /** Routes, one per endpoint. */
    public static final Map<Endpoint, String> PATHS =
            Map.of(
                    Endpoint.GRAFANA, "/api/v1/alerts/grafana",
                    Endpoint.OPSGENIE, "/api/v1/alerts/opsgenie",
                    Endpoint.GENERIC, "/api/v1/alerts/generic/{integration}",
                    Endpoint.LIFECYCLE, "/api/v1/lifecycle",
                    Endpoint.PAGERDUTY_WEBHOOK, "/api/v1/lifecycle/pagerduty",
                    Endpoint.DEPLOYS, "/api/v1/deploys",
                    Endpoint.GITHUB, "/api/v1/deploys/github",
                    Endpoint.LOGS, "/api/v1/logs");

    private final IngestService service;
    private final Endpoint endpoint;
    private final long maxBodyBytes;

    public SourceController(IngestService service, Endpoint endpoint, long maxBodyBytes) {
        this.service = Objects.requireNonNull(service, "service");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Handles one request. */
    public void handle(Context ctx) {
        boolean plain = false;
        if (endpoint == Endpoint.LOGS) {
            String type =
                    ctx.contentType() == null
                            ? ""
                            : ctx.contentType()
                                    .split(";", 2)[0]
                                    .trim()
                                    .toLowerCase(java.util.Locale.ROOT);
            if (type.equals("text/plain")) {
                plain = true;
            } else if (!type.isEmpty()
                    && !type.equals("application/x-ndjson")
                    && !type.equals("application/json")
                    && !type.equals("application/jsonl")
                    && !type.equals("application/x-jsonlines")) {
                throw new IngestException(
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        null,
                        "logs are read as application/x-ndjson (one JSON object per line) or text/plain, got "
                                + abbreviate(type));
            }
        }
        RequestMeta meta =
                new RequestMeta(
                        AlertmanagerController.bearer(ctx),
                        ctx.header(
                                endpoint == Endpoint.PAGERDUTY_WEBHOOK
                                        ? "X-PagerDuty-Signature"
                                        : "X-Hub-Signature-256"),
                        endpoint == Endpoint.GENERIC ? ctx.pathParam("integration") : null,
                        ctx.queryParam("service"),
                        plain);
        IngestOutcome outcome =
                service.ingest(endpoint, AlertmanagerController.readBody(ctx, maxBodyBytes), meta);
        ctx.status(HttpStatus.ACCEPTED).json(outcome);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
