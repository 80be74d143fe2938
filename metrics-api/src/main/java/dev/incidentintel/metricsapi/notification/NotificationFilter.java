package dev.incidentintel.metricsapi.notification;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.incident.FeedCursor;
import dev.incidentintel.metricsapi.incident.IncidentFilter;
import java.time.Instant;
import java.util.List;

/**
 * Which notifications {@code GET /api/v1/notifications} lists (docs/METRICS.md#notifications).
 * Empty text filters mean "any"; values are bound as query parameters, never spliced into SQL.
 *
 * @param limit page size, 1..{@value #MAX_LIMIT}
 * @param incident exact incident id, or {@code ""}
 * @param channel exact channel name, or {@code ""}
 * @param outcome one of {@link #OUTCOMES}, or {@code ""}
 * @param from decided at or after, or {@code null}
 * @param to decided before, or {@code null}
 * @param cursor where the page starts (after this position), or {@code null}
 */
public record NotificationFilter(
        int limit,
        String incident,
        String channel,
        String outcome,
        Instant from,
        Instant to,
        FeedCursor cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Outcomes the notifier records. */
    public static final List<String> OUTCOMES =
            List.of("pending", "sent", "suppressed", "rate_limited", "no_route", "dead_letter");

    public NotificationFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid(
                    "limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        incident = IncidentFilter.text(incident, "incident");
        channel = IncidentFilter.text(channel, "channel");
        outcome = IncidentFilter.text(outcome, "outcome");
        if (!outcome.isEmpty() && !OUTCOMES.contains(outcome)) {
            throw ApiException.invalid(
                    "outcome",
                    "outcome must be one of "
                            + String.join(", ", OUTCOMES)
                            + "; got '"
                            + outcome
                            + "'");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid(
                    "from", "from must be before to, got " + from + " and " + to);
        }
    }
}
