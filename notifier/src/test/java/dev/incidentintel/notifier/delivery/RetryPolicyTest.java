package dev.incidentintel.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy =
            new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8));

    @Test
    void retries429And5xxAndNoAnswerButNotOther4xx() {
        assertThat(policy.nextDelay(1, AttemptResult.answered(429, null, ""), 0.5)).isPresent();
        assertThat(policy.nextDelay(1, AttemptResult.answered(503, null, ""), 0.5)).isPresent();
        assertThat(policy.nextDelay(1, AttemptResult.noAnswer("timeout"), 0.5)).isPresent();
        assertThat(policy.nextDelay(1, AttemptResult.answered(400, null, ""), 0.5)).isEmpty();
        assertThat(policy.nextDelay(1, AttemptResult.answered(404, null, ""), 0.5)).isEmpty();
        assertThat(policy.nextDelay(1, AttemptResult.answered(202, null, ""), 0.5)).isEmpty();
    }

    @Test
    void stopsAfterMaxAttempts() {
        assertThat(policy.nextDelay(3, AttemptResult.answered(500, null, ""), 0.5)).isPresent();
        assertThat(policy.nextDelay(4, AttemptResult.answered(500, null, ""), 0.5)).isEmpty();
    }

    @Test
    void backoffDoublesWithEqualJitterUpToTheCap() {
        // attempt n: base 1 s * 2^(n-1), capped at 8 s; half fixed, half scaled by the random
        // value.
        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1, 0.999))
                .isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
        assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(10, 1.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(70, 1.0)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void honoursRetryAfterAboveTheBackoffButCapsIt() {
        assertThat(policy.nextDelay(1, AttemptResult.answered(429, Duration.ofSeconds(3), ""), 0.0))
                .contains(Duration.ofSeconds(3));
        assertThat(
                        policy.nextDelay(
                                1, AttemptResult.answered(429, Duration.ofSeconds(3600), ""), 0.0))
                .contains(Duration.ofSeconds(8));
        assertThat(policy.nextDelay(3, AttemptResult.answered(503, Duration.ofMillis(10), ""), 0.0))
                .contains(Duration.ofSeconds(2));
    }

    @Test
    void parsesRetryAfterSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        assertThat(RetryAfter.parse("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 12:00:30 GMT", now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 11:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
    }
}
