package dev.incidentintel.metricsapi.clickhouse;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.incident.FeedCursor;
import dev.incidentintel.metricsapi.incident.FeedSpanMemory;
import dev.incidentintel.metricsapi.incident.FeedSpans;
import dev.incidentintel.metricsapi.incident.IncidentAlert;
import dev.incidentintel.metricsapi.incident.IncidentFilter;
import dev.incidentintel.metricsapi.incident.IncidentRepository;
import dev.incidentintel.metricsapi.incident.IncidentSummary;
import dev.incidentintel.metricsapi.incident.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Incidents from ClickHouse: {@code incidents_current} (latest version per incident, read with
 * {@code FINAL}), {@code incidents} for one incident by id, and {@code incident_alerts}. SQL lives
 * in {@code sql/incident*.sql}; every value is a bound parameter.
 */
public final class ClickHouseIncidentRepository implements IncidentRepository {
    private static final SqlFile LIST = SqlFile.load("incidents_list");

    /**
     * Where {@code incidents_list.sql} reads from ({@code {{incidents}}}) for the feed: its table,
     * with the span and (on later pages) cursor conditions repeated as {@code PREWHERE}. In
     * ClickHouse 18.16 a {@code PREWHERE} filters each part's rows before {@code FINAL} merges
     * them, which is exact here because the conditions read only the sorting key (detected_ms,
     * incident_id), shared by every version of an incident: all versions are kept or all dropped.
     * Without it FINAL merged every column of whole granules (8,192 rows per part) for a page of
     * 50: 35 ms of CPU instead of 9 (BENCHMARKS.md).
     */
    private static final String FEED_SOURCE =
            "incidents_current FINAL PREWHERE detected_ms >= :min_ms";

    /** The cursor condition: after the last incident of the previous page. */
    private static final String AFTER_CURSOR =
            "(detected_ms < :cursor_ms OR (detected_ms = :cursor_ms AND incident_id > :cursor_id))";

    /** The placeholders of a feed page: its source and the conditions it sets. */
    static Map<String, String> feedPlaceholders(Map<String, ?> params, boolean hasCursor) {
        String filters = FilterSql.and(FilterSql.FEED, params, hasCursor, AFTER_CURSOR);
        return Map.of(
                "incidents",
                hasCursor ? FEED_SOURCE + " AND " + AFTER_CURSOR : FEED_SOURCE,
                "list_filters",
                filters);
    }

    /**
     * One incident: its highest version straight from {@code incidents}, whose sorting key is the
     * id (incidents_current is sorted by detection time, so a lookup by id would scan it all).
     */
    private static final Map<String, String> BY_ID =
            Map.of(
                    "incidents",
                    "(SELECT * FROM incidents WHERE incident_id = :id ORDER BY version DESC LIMIT 1)",
                    "list_filters",
                    "");

    private static final SqlFile FINGERPRINTS = SqlFile.load("incident_fingerprints");
    private static final SqlFile ALERTS = SqlFile.load("incident_alerts");
    private static final SqlFile TIMELINE = SqlFile.load("incident_timeline");

    private final ClickHouseConnections connections;

    /** Where each recent filter's feed starts reading (at most this many filters remembered). */
    private final FeedSpanMemory spanMemory = new FeedSpanMemory(1024);

    public ClickHouseIncidentRepository(ClickHouseConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public List<IncidentSummary> find(IncidentFilter filter) {
        FeedCursor cursor = filter.cursor();
        Map<String, Object> params =
                listParams(
                        filter.environment(),
                        filter.service(),
                        filter.status(),
                        filter.team(),
                        filter.priority(),
                        filter.category(),
                        filter.q(),
                        cursor,
                        filter.limit() + 1);
        long anchor =
                cursor == null ? System.currentTimeMillis() : cursor.detectedAt().toEpochMilli();
        Map<String, String> feed = feedPlaceholders(params, cursor != null);
        try (Connection c = connections.open()) {
            // Spans before the anchor, from where this filter's last page reached (FeedSpanMemory),
            // widening until a page is full (FeedSpans), then everything.
            String key = FeedSpanMemory.key(filter);
            Optional<Duration> span = Optional.of(spanMemory.start(key));
            while (true) {
                long min = span.map(s -> Math.max(0, anchor - s.toMillis())).orElse(0L);
                params.put("min_ms", min);
                List<IncidentSummary> incidents;
                try (PreparedStatement ps = Statements.prepare(c, LIST.bind(feed, params))) {
                    incidents = readIncidents(ps);
                }
                if (incidents.size() > filter.limit()) {
                    Instant reached = incidents.get(incidents.size() - 1).detectedAt();
                    spanMemory.filled(key, Duration.ofMillis(anchor - reached.toEpochMilli()));
                }
                if (incidents.size() > filter.limit() || min == 0) {
                    return withFingerprints(c, incidents);
                }
                span = FeedSpans.next(span.orElseThrow(), incidents.size(), filter.limit() + 1);
            }
        } catch (SQLException e) {
            throw failed(LIST, e);
        }
    }

    @Override
    public Optional<IncidentSummary> findById(String id) {
        Map<String, Object> params = listParams("", "", "", "", "", "", "", null, 1);
        params.put("min_ms", 0L);
        params.put("id", id);
        try (Connection c = connections.open();
                PreparedStatement ps = Statements.prepare(c, LIST.bind(BY_ID, params))) {
            List<IncidentSummary> found = withFingerprints(c, readIncidents(ps));
            return found.stream().findFirst();
        } catch (SQLException e) {
            throw failed(LIST, e);
        }
    }

    private static Map<String, Object> listParams(
            String environment,
            String service,
            String status,
            String team,
            String priority,
            String category,
            String q,
            FeedCursor cursor,
            int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("environment", environment);
        params.put("service", service);
        params.put("status", status);
        params.put("team", team);
        params.put("priority", priority);
        params.put("category", category);
        params.put("q", q);
        params.put("cursor_ms", cursor == null ? 0L : cursor.detectedAt().toEpochMilli());
        params.put("cursor_id", cursor == null ? "" : cursor.id());
        params.put("limit", limit);
        return params;
    }

    @Override
    public List<TimelineEntry> lifecycleOf(String id) {
        try (Connection c = connections.open();
                PreparedStatement ps =
                        Statements.prepare(c, TIMELINE.bind(Map.of(), Map.of("id", id)))) {
            List<TimelineEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new TimelineEntry(
                                    Rows.instant(rs, "event_ms"),
                                    rs.getString("action_name"),
                                    rs.getString("actor"),
                                    rs.getString("team"),
                                    rs.getString("tier"),
                                    rs.getString("note"),
                                    rs.getString("source")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(TIMELINE, e);
        }
    }

    @Override
    public List<IncidentAlert> alertsOf(String id) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(ALERTS.sql())) {
            ps.setString(1, id);
            List<IncidentAlert> alerts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alerts.add(
                            new IncidentAlert(
                                    rs.getString("fingerprint"),
                                    rs.getString("alert_name"),
                                    rs.getString("service"),
                                    rs.getString("environment"),
                                    Rows.instant(rs, "linked_ms"),
                                    rs.getString("reason"),
                                    scoreComponents(rs)));
                }
            }
            return alerts;
        } catch (SQLException e) {
            throw failed(ALERTS, e);
        }
    }

    private static Map<String, Double> scoreComponents(ResultSet rs) throws SQLException {
        List<String> keys = Rows.strings(rs, "score_keys");
        List<Double> values = Rows.doubles(rs, "score_values");
        if (keys.size() != values.size()) {
            // The writer keeps the two arrays parallel; a mismatch is corrupt data, not a client
            // error.
            throw new SQLException(
                    "score_keys and score_values differ in length ("
                            + keys.size()
                            + " vs "
                            + values.size()
                            + ")");
        }
        Map<String, Double> components = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            components.put(keys.get(i), values.get(i));
        }
        return components;
    }

    private static List<IncidentSummary> readIncidents(PreparedStatement ps) throws SQLException {
        List<IncidentSummary> incidents = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                incidents.add(
                        new IncidentSummary(
                                rs.getString("incident_id"),
                                rs.getString("title"),
                                rs.getString("environment"),
                                Rows.strings(rs, "services"),
                                rs.getString("primary_service"),
                                rs.getString("severity"),
                                rs.getString("status_name"),
                                Rows.instant(rs, "impact_start_ms"),
                                Rows.instant(rs, "detected_ms"),
                                Rows.nullableInstant(rs, "acknowledged_ms"),
                                Rows.nullableInstant(rs, "mitigated_ms"),
                                Rows.nullableInstant(rs, "resolved_ms"),
                                Rows.nullableInstant(rs, "closed_ms"),
                                rs.getLong("alert_count"),
                                rs.getLong("firing_count"),
                                rs.getLong("notification_count"),
                                rs.getLong("version"),
                                List.of(),
                                new IncidentSummary.Triage(
                                        rs.getString("source"),
                                        rs.getString("priority"),
                                        rs.getString("category"),
                                        rs.getString("team"),
                                        rs.getString("tier"),
                                        rs.getInt("escalations"),
                                        rs.getInt("reopen_count"),
                                        rs.getString("signature"),
                                        rs.getString("recurrence_of"),
                                        Rows.strings(rs, "suspect_deploys"))));
            }
        }
        return incidents;
    }

    /** One extra query for the whole page rather than one per incident. */
    private static List<IncidentSummary> withFingerprints(
            Connection c, List<IncidentSummary> incidents) throws SQLException {
        if (incidents.isEmpty()) {
            return incidents;
        }
        Map<String, List<String>> byIncident = new LinkedHashMap<>();
        String[] ids = incidents.stream().map(IncidentSummary::id).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement(FINGERPRINTS.sql())) {
            ps.setArray(1, c.createArrayOf("String", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byIncident
                            .computeIfAbsent(rs.getString("incident_id"), k -> new ArrayList<>())
                            .add(rs.getString("fingerprint"));
                }
            }
        } catch (SQLException e) {
            throw failed(FINGERPRINTS, e);
        }
        List<IncidentSummary> out = new ArrayList<>(incidents.size());
        for (IncidentSummary incident : incidents) {
            out.add(incident.withFingerprints(byIncident.getOrDefault(incident.id(), List.of())));
        }
        return out;
    }

    static ApiException failed(SqlFile query, SQLException e) {
        return ApiException.storageUnavailable("ClickHouse query " + query.name() + " failed", e);
    }
}
