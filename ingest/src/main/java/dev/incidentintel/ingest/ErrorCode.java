package dev.incidentintel.ingest;

/**
 * Every way an ingest request can fail, each with the machine-readable code clients see in the
 * {@code error} property and the HTTP status it maps to. This enum is the single place that decides
 * status codes; the HTTP adapter only reads them.
 */
public enum ErrorCode {
    /** The request body could not be read (client aborted, broken chunked encoding). */
    UNREADABLE_BODY("unreadable_body", 400),
    /** The body is not syntactically valid JSON (or is empty). */
    MALFORMED_JSON("malformed_json", 400),
    /** A required field is absent or null. */
    MISSING_FIELD("missing_field", 400),
    /** A field has the wrong JSON type (e.g. an object where a string is expected). */
    INVALID_TYPE("invalid_type", 400),
    /** A field has the right type but a value that cannot be used (bad timestamp, empty list). */
    INVALID_VALUE("invalid_value", 400),
    /** The payload declares a schema version this endpoint does not understand. */
    UNSUPPORTED_VERSION("unsupported_version", 400),
    /** The body, or one record built from it, is larger than the configured limit. */
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    /** No credentials were presented for an integration that requires them. */
    UNAUTHORIZED("unauthorized", 401),
    /** The presented token or routing key is not one of the integration's. */
    FORBIDDEN("forbidden", 403),
    /** The generic integration named in the path is not configured. */
    UNKNOWN_INTEGRATION("unknown_integration", 404),
    /** The Content-Type is not one this endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    /** Any other malformed HTTP request detected by the web framework. */
    BAD_REQUEST("bad_request", 400),
    /** No route for this path. */
    NOT_FOUND("not_found", 404),
    /** The route exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    /**
     * Kafka did not acknowledge every record in time (or refused them); the client should retry.
     */
    KAFKA_UNAVAILABLE("kafka_unavailable", 503),
    /** A bug: the detail goes to the server log only. */
    INTERNAL("internal", 500);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The value of the {@code error} property in JSON error bodies. */
    public String code() {
        return code;
    }

    /** The HTTP status this error is answered with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True for errors caused by the client's request (4xx), which are not worth an error log. */
    public boolean clientError() {
        return httpStatus >= 400 && httpStatus < 500;
    }
}
