package dev.incidentintel.notifier.routing;

/**
 * Whether a channel gets a notification now.
 *
 * @param verdict deliver, suppress or skip
 * @param reason why (the rule that decided), for the notifications table
 */
public record RouteDecision(Verdict verdict, String reason) {
    /** The three answers. */
    public enum Verdict {
        /** Send it (subject to the rate limit). */
        DELIVER,
        /**
         * The channel wants this incident, but a quiet period or maintenance window silences it.
         */
        SUPPRESS,
        /** The channel's match rules do not cover this incident. */
        SKIP
    }

    static RouteDecision deliver(String reason) {
        return new RouteDecision(Verdict.DELIVER, reason);
    }
}
