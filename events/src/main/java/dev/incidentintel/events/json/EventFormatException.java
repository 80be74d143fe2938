package dev.incidentintel.events.json;

/** A message on a topic (or a stored row) could not be read as the expected canonical record. */
public class EventFormatException extends RuntimeException {
    private final String field;

    public EventFormatException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The offending field, or {@code null} when the problem is not tied to one field. */
    public String field() {
        return field;
    }
}
