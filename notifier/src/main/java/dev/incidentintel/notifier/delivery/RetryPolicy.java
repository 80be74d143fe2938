package dev.incidentintel.notifier.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a delivery again: on 429, on 5xx, on a timeout or a connection failure, with
 * exponential backoff and jitter, honouring the receiver's {@code Retry-After}; never on another
 * 4xx (the request itself is wrong and will stay wrong). After {@code maxAttempts} attempts the
 * delivery is dead-lettered.
 *
 * @param maxAttempts attempts in total, at least 1
 * @param initialBackoff delay before the second attempt (before jitter)
 * @param maxBackoff cap of the exponential delay, and of any {@code Retry-After}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "retry.maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "retry backoff needs 0 <= initialBackoff <= maxBackoff, got "
                            + initialBackoff
                            + " and "
                            + maxBackoff);
        }
    }

    /** Five attempts, 1 s doubling up to 60 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** True for answers worth retrying: 408, 425, 429 and every 5xx. */
    public static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /**
     * The delay before the next attempt, or empty when the delivery is final (success, a
     * non-retryable answer, or the last attempt made).
     *
     * @param attemptsMade attempts made so far (1 after the first)
     * @param result the last attempt's result
     * @param random a uniform value in [0, 1) for the jitter
     */
    public Optional<Duration> nextDelay(int attemptsMade, AttemptResult result, double random) {
        if (result.succeeded() || attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        if (result.status() != 0 && !retryable(result.status())) {
            return Optional.empty();
        }
        Duration backoff = backoff(attemptsMade, random);
        if (result.retryAfter() != null) {
            Duration asked =
                    result.retryAfter().compareTo(maxBackoff) > 0
                            ? maxBackoff
                            : result.retryAfter();
            return Optional.of(asked.compareTo(backoff) > 0 ? asked : backoff);
        }
        return Optional.of(backoff);
    }

    /**
     * Equal jitter: half the exponential delay fixed, half random, so retries of many senders
     * spread out but never come back immediately.
     */
    Duration backoff(int attemptsMade, double random) {
        long base = initialBackoff.toMillis();
        long exp = attemptsMade - 1 >= 30 ? Long.MAX_VALUE : base << (attemptsMade - 1);
        long capped = exp < 0 || exp > maxBackoff.toMillis() ? maxBackoff.toMillis() : exp;
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
    }
}
