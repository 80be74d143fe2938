package dev.incidentintel.ingest.http;

import dev.incidentintel.ingest.IngestException;
import dev.incidentintel.ingest.service.Endpoint;
import dev.incidentintel.ingest.service.IngestOutcome;
import dev.incidentintel.ingest.service.IngestService;
import dev.incidentintel.ingest.service.RequestMeta;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PagerDuty Events API v2 compatible routes, so an integration works by changing only its URL:
 * {@code POST /v2/enqueue} answers 202 {@code {"status":"success","message":"Event processed",
 * "dedup_key":...}} and {@code POST /v2/change/enqueue} 202 {@code {"status":"success",
 * "message":"Change event processed"}}. A 400 carries PagerDuty's {@code {"status":"invalid
 * event","message":"Event object is invalid","errors":[...]}} plus our own {@code error} and {@code
 * field}, so both PagerDuty clients and ours can read it; other errors use the common body.
 */
public final class PagerDutyController {
    /** Events API v2 route. */
    public static final String ENQUEUE = "/v2/enqueue";

    /** Change Events route. */
    public static final String CHANGE = "/v2/change/enqueue";

    private final IngestService service;
    private final long maxBodyBytes;

    public PagerDutyController(IngestService service, long maxBodyBytes) {
        this.service = Objects.requireNonNull(service, "service");
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code POST /v2/enqueue}. */
    public void enqueue(Context ctx) {
        IngestOutcome outcome = run(ctx, Endpoint.PAGERDUTY);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("message", "Event processed");
        body.put("dedup_key", outcome.dedupKey());
        ctx.status(HttpStatus.ACCEPTED).json(body);
    }

    /** {@code POST /v2/change/enqueue}. */
    public void change(Context ctx) {
        run(ctx, Endpoint.PAGERDUTY_CHANGE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("message", "Change event processed");
        ctx.status(HttpStatus.ACCEPTED).json(body);
    }

    private IngestOutcome run(Context ctx, Endpoint endpoint) {
        return service.ingest(
                endpoint,
                AlertmanagerController.readBody(ctx, maxBodyBytes),
                RequestMeta.bearer(AlertmanagerController.bearer(ctx)));
    }

    /** True for the routes of this controller, whose 400s take PagerDuty's shape. */
    static boolean owns(String path) {
        return ENQUEUE.equals(path) || CHANGE.equals(path);
    }

    /** PagerDuty's invalid-event body with our code and field added. */
    static Map<String, Object> invalidEvent(IngestException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "invalid event");
        body.put("message", "Event object is invalid");
        body.put("errors", List.of(e.getMessage()));
        body.put("error", e.code().code());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        return body;
    }
}
