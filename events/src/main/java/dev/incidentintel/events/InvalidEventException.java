package dev.incidentintel.events;

/**
 * Thrown when a canonical record would be built with a missing or invalid value. Names the field so
 * that an HTTP boundary can report it back to the client.
 */
public class InvalidEventException extends IllegalArgumentException {
    private final String field;

    public InvalidEventException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The record field (JSON property) whose value was rejected. */
    public String field() {
        return field;
    }
}
