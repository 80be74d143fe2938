package dev.incidentintel.metricsapi.incident;

import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.InvalidEventException;
import dev.incidentintel.metricsapi.ApiException;

/**
 * Which incidents the feed returns (docs/METRICS.md#incident-feed). Empty text filters mean "any";
 * filters match exactly and are always bound as query parameters, so any text is safe.
 *
 * @param limit page size, 1..{@value #MAX_LIMIT}
 * @param environment exact environment, or {@code ""} for any
 * @param service a service the incident affects (any of its services), or {@code ""} for any
 * @param status {@code open}, {@code resolved} or {@code stale}, or {@code ""} for any
 * @param team owning team, or {@code ""}
 * @param priority priority, or {@code ""}
 * @param category category, or {@code ""}
 * @param q free text searched in title, services, team and category (or an exact id), or {@code ""}
 * @param cursor where the page starts: after this position; {@code null} for the first page
 */
public record IncidentFilter(
        int limit,
        String environment,
        String service,
        String status,
        String team,
        String priority,
        String category,
        String q,
        FeedCursor cursor) {
    /** Limit used when the request gives none. */
    public static final int DEFAULT_LIMIT = 50;

    /** Largest page; bigger exports belong to ClickHouse directly, not to this API. */
    public static final int MAX_LIMIT = 500;

    /** Longest accepted text filter; longer values cannot name anything real. */
    public static final int MAX_TEXT = 256;

    public IncidentFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid(
                    "limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        environment = text(environment, "environment");
        service = text(service, "service");
        status = status(status);
        team = text(team, "team");
        priority = text(priority, "priority");
        category = text(category, "category");
        q = text(q, "q");
    }

    /** The first-version filter: environment, service and status only. */
    public IncidentFilter(int limit, String environment, String service, String status) {
        this(limit, environment, service, status, "", "", "", "", null);
    }

    /** A filter with the default limit and no conditions. */
    public static IncidentFilter all() {
        return new IncidentFilter(DEFAULT_LIMIT, "", "", "");
    }

    /**
     * A text filter: stripped, {@code ""} when absent.
     *
     * @throws ApiException naming {@code field} when longer than {@value #MAX_TEXT} characters
     */
    public static String text(String value, String field) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.length() > MAX_TEXT) {
            throw ApiException.invalid(
                    field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return trimmed;
    }

    private static String status(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        try {
            return IncidentStatus.parse(value).json();
        } catch (InvalidEventException e) {
            throw ApiException.invalid(
                    "status", "status must be one of open, resolved, stale; got '" + value + "'");
        }
    }
}
