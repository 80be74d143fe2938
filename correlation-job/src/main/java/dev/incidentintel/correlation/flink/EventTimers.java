package dev.incidentintel.correlation.flink;

import java.time.Instant;

/**
 * The event-time timer for an instant. Flink timers and watermarks count milliseconds while event
 * times carry up to nanoseconds (RFC 3339 timestamps from Alertmanager, {@code Instant.now()}), so
 * a deadline is rounded up: the timer fires at the first millisecond at or after it, and the
 * decision made then with {@code Instant.ofEpochMilli(timestamp)} sees the deadline as passed.
 * Rounding down instead makes a timer fire just before its deadline, find nothing due and re-arm
 * itself at the same millisecond, forever, once the watermark is past it.
 */
final class EventTimers {
    private EventTimers() {}

    /** The first millisecond at or after {@code deadline}. */
    static long timerFor(Instant deadline) {
        long millis = deadline.toEpochMilli(); // rounds towards negative infinity
        return deadline.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
