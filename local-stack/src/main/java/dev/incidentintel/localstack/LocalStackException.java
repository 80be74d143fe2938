package dev.incidentintel.localstack;

/**
 * The single error type of the local-stack boundary: a local service could not be installed,
 * started, queried or stopped. The message always says what was attempted and, where known, what
 * the service itself reported (log tail, HTTP body), so a caller can print it as is.
 */
public class LocalStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
