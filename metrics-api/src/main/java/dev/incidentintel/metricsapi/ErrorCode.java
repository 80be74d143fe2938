package dev.incidentintel.metricsapi;

/**
 * The error codes the API returns, each with the one HTTP status it maps to. The {@code code} is
 * the stable machine-readable string clients match on; the message is for humans.
 */
public enum ErrorCode {
    /** A query or path parameter is missing, unparseable or out of range. */
    INVALID_PARAMETER(400, "invalid_parameter"),
    /** No bearer token, or an unknown one, while read tokens are configured. */
    UNAUTHORIZED(401, "unauthorized"),
    /** The bearer token lacks the scope the endpoint needs. */
    FORBIDDEN(403, "forbidden"),
    /** The addressed resource (for example an incident id) does not exist. */
    NOT_FOUND(404, "not_found"),
    /** The HTTP method is not supported on this path. */
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    /** ClickHouse could not be reached or failed to answer. */
    STORAGE_UNAVAILABLE(503, "storage_unavailable"),
    /** No triage model is configured, or it could not be loaded. */
    MODEL_UNAVAILABLE(503, "model_unavailable"),
    /** Anything unexpected; details stay in the server log. */
    INTERNAL(500, "internal_error");

    private final int httpStatus;
    private final String code;

    ErrorCode(int httpStatus, String code) {
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** HTTP status this error is answered with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Stable machine-readable code, the {@code error} field of the JSON body. */
    public String code() {
        return code;
    }
}
