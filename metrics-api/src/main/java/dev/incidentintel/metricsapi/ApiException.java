package dev.incidentintel.metricsapi;

import java.util.Objects;

/**
 * The one error type of the metrics-api boundary. Services, validators and repositories throw it;
 * the HTTP layer maps it once to {@link ErrorCode#httpStatus()} and a JSON body {@code {error,
 * message, field}}. It carries no Javalin or JDBC types, so pure packages may throw it too.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String field;

    /**
     * @param errorCode what went wrong, which fixes the HTTP status
     * @param field the request parameter at fault, or {@code null} when no single field is
     * @param message human-readable explanation, safe to show to clients
     * @param cause underlying exception, logged server-side but never sent to clients
     */
    public ApiException(ErrorCode errorCode, String field, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.field = field;
    }

    /** A 400 naming the parameter at fault. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(
                ErrorCode.INVALID_PARAMETER, Objects.requireNonNull(field), message, null);
    }

    /** A 404 for a resource named by {@code field} (for example the {@code id} path parameter). */
    public static ApiException notFound(String field, String message) {
        return new ApiException(ErrorCode.NOT_FOUND, field, message, null);
    }

    /** A 503: the store did not answer; {@code cause} is logged, not returned. */
    public static ApiException storageUnavailable(String message, Throwable cause) {
        return new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, message, cause);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The request parameter at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
