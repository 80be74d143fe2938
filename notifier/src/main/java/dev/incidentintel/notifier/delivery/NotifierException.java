package dev.incidentintel.notifier.delivery;

/** The notifier module's one error type: configuration, storage or consumer failures. */
public final class NotifierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotifierException(String message, Throwable cause) {
        super(message, cause);
    }
}
