package dev.incidentintel.notifier.delivery;

import java.time.Duration;

/**
 * What one delivery attempt got back.
 *
 * @param status HTTP status, or 0 when no answer came (timeout, connection refused)
 * @param retryAfter the receiver's {@code Retry-After}, or {@code null}
 * @param error why it failed, or {@code ""} on success
 */
public record AttemptResult(int status, Duration retryAfter, String error) {
    public AttemptResult {
        error = error == null ? "" : error;
    }

    /** An answer with {@code status}. */
    public static AttemptResult answered(int status, Duration retryAfter, String error) {
        return new AttemptResult(status, retryAfter, error);
    }

    /** No answer (timeout or connection failure). */
    public static AttemptResult noAnswer(String error) {
        return new AttemptResult(0, null, error);
    }

    /** True for a 2xx answer. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
