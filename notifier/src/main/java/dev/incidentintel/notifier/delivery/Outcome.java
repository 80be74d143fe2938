package dev.incidentintel.notifier.delivery;

import java.util.Locale;

/** How a notification for one channel ended, as stored in the {@code notifications} table. */
public enum Outcome {
    /** The receiver answered 2xx. */
    SENT,
    /** A quiet-hours period or a maintenance window of the channel silenced it. */
    SUPPRESSED,
    /** The channel's rate limit held it; it went out in a digest. */
    RATE_LIMITED,
    /** No channel's rules matched the incident (recorded once, with channel {@code -}). */
    NO_ROUTE,
    /** Final failure: a non-retryable answer, or every attempt failed. */
    DEAD_LETTER;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
