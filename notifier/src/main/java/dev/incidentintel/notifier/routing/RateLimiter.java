package dev.incidentintel.notifier.routing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Sliding-window counter of one channel's notifications: a send is allowed while fewer than {@code
 * max} were sent within the last {@code per}. Not thread-safe (one notifier thread).
 */
public final class RateLimiter {
    private final RateLimit limit;
    private final Deque<Instant> sent = new ArrayDeque<>();

    public RateLimiter(RateLimit limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    /** Takes a slot at {@code now} if one is free; false when the limit is reached. */
    public boolean tryAcquire(Instant now) {
        if (!hasRoom(now)) {
            return false;
        }
        sent.addLast(now);
        return true;
    }

    /** True when a send at {@code now} would be allowed (takes no slot). */
    public boolean hasRoom(Instant now) {
        Instant windowStart = now.minus(limit.per());
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(windowStart)) {
            sent.removeFirst();
        }
        return sent.size() < limit.max();
    }
}
