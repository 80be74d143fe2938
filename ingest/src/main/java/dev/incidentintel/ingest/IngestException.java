package dev.incidentintel.ingest;

import java.util.Objects;

/**
 * The one error type of the ingest boundary. Normalisers, the service and the Kafka adapter all
 * throw it; the HTTP adapter maps it once to {@code {"error", "message", "field"}} with the status
 * of its {@link ErrorCode}.
 *
 * <p>{@code field} is the JSON path of the offending value inside the request body, written like
 * {@code alerts[1].startsAt} or {@code alerts[0].labels["a.b"]}; {@code $} stands for the whole
 * body; it is {@code null} when the error is not about one field (e.g. Kafka being down). The
 * message is safe to show to clients: it never contains a stack trace or server internals.
 */
public class IngestException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public IngestException(ErrorCode code, String field, String message) {
        this(code, field, message, null);
    }

    public IngestException(ErrorCode code, String field, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /** What went wrong, which also fixes the HTTP status. */
    public ErrorCode code() {
        return code;
    }

    /** JSON path of the rejected value, or {@code null} when the error is not about one field. */
    public String field() {
        return field;
    }

    /** Shorthand for {@code code().httpStatus()}. */
    public int httpStatus() {
        return code.httpStatus();
    }
}
