package dev.incidentintel.triage;

/**
 * The one error type of the triage library: bad training data, a bad option, an unreadable model
 * artifact or an unknown target. {@link #field()} names the input that was wrong, when there is
 * one, so an HTTP adapter can map it to {@code 400 {error, message, field}}.
 */
public final class TriageException extends RuntimeException {
    private final String field;

    public TriageException(String field, String message) {
        super(message);
        this.field = field;
    }

    public TriageException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The option, column, target or file that was wrong; may be null. */
    public String field() {
        return field;
    }
}
