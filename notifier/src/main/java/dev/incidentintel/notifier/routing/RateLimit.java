package dev.incidentintel.notifier.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code max} notifications per {@code per} on one channel; beyond that they are held and
 * sent as one digest when the window has room again.
 */
public record RateLimit(int max, Duration per) {
    public RateLimit {
        Objects.requireNonNull(per, "per");
        if (max < 1) {
            throw new IllegalArgumentException("rateLimit.max must be at least 1, got " + max);
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("rateLimit.per must be positive, got " + per);
        }
    }
}
