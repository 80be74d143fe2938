package dev.incidentintel.metricsapi.kpi;

import dev.incidentintel.metricsapi.ApiException;
import java.time.Duration;
import java.time.Instant;

/**
 * The half-open interval {@code [from, to)} a KPI covers. An incident belongs to the window when
 * its detected time does (docs/METRICS.md#reporting-window).
 *
 * @param from inclusive start
 * @param to exclusive end, after {@code from}, at most {@link #MAX_SPAN} later
 */
public record ReportingWindow(Instant from, Instant to) {
    /** Window used when the request gives no {@code from}. */
    public static final Duration DEFAULT_SPAN = Duration.ofDays(30);

    /** Longest window; longer ones belong to offline reports, not to an interactive API. */
    public static final Duration MAX_SPAN = Duration.ofDays(400);

    public ReportingWindow {
        if (from == null) {
            throw ApiException.invalid("from", "from is required");
        }
        if (to == null) {
            throw ApiException.invalid("to", "to is required");
        }
        if (!from.isBefore(to)) {
            throw ApiException.invalid(
                    "from", "from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw ApiException.invalid(
                    "from",
                    "the window from "
                            + from
                            + " to "
                            + to
                            + " is longer than "
                            + MAX_SPAN.toDays()
                            + " days");
        }
    }

    /**
     * Fills in defaults: {@code to} defaults to {@code now}, {@code from} to {@link #DEFAULT_SPAN}
     * before {@code to}.
     */
    public static ReportingWindow resolve(Instant from, Instant to, Instant now) {
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : end.minus(DEFAULT_SPAN);
        return new ReportingWindow(start, end);
    }
}
