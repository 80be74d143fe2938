package dev.incidentintel.ingest.replay;

import dev.incidentintel.ingest.service.Endpoint;
import dev.incidentintel.ingest.service.RequestMeta;
import java.time.Instant;

/**
 * One request to replay: the endpoint, the body and its parameters, where it came from ({@code
 * file} or {@code file:line}, for the summary) and, when known, the event time used for pacing.
 */
public record ReplayItem(
        Endpoint endpoint, byte[] body, RequestMeta meta, String origin, Instant time) {}
