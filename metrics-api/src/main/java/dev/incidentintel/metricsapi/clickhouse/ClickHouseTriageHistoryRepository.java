package dev.incidentintel.metricsapi.clickhouse;

import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.feedback.HistoricIncident;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the incident history the triage model retrains from ({@code incident-intel train
 * --from-clickhouse}): the latest snapshot of each incident ({@code incidents_current FINAL}) with
 * its member alerts' names, summaries and labels ({@code incident_alerts} joined to {@code
 * alerts}), and people's {@code assign} steps ({@code lifecycle_events}). Which of these become
 * labels is decided by {@link dev.incidentintel.triage.feedback.HistoryLabels}. SQL lives in {@code
 * sql/triage_history_*.sql}. Failures are {@link dev.incidentintel.metricsapi.ApiException} ({@code
 * storage_unavailable}), as for every query of this adapter.
 */
public final class ClickHouseTriageHistoryRepository {
    private static final SqlFile INCIDENTS = SqlFile.load("triage_history_incidents");
    private static final SqlFile ALERTS = SqlFile.load("triage_history_alerts");
    private static final SqlFile ASSIGNMENTS = SqlFile.load("triage_history_assignments");

    /** Summaries of at most this many member alerts go into an incident's description. */
    static final int MAX_SUMMARIES = 20;

    private final ClickHouseConnections connections;

    public ClickHouseTriageHistoryRepository(ClickHouseConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** Incidents detected at or after {@code since}, each with its member alerts, oldest first. */
    public List<HistoricIncident> incidents(Instant since) {
        Map<String, Object> params = Map.of("since_ms", since.toEpochMilli());
        try (Connection c = connections.open()) {
            Map<String, Members> members = members(c, params);
            List<HistoricIncident> out = new ArrayList<>();
            try (PreparedStatement ps = Statements.prepare(c, INCIDENTS.bind(Map.of(), params));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("incident_id");
                    Members m = members.getOrDefault(id, new Members());
                    TriageInput input =
                            new TriageInput(
                                    rs.getString("title"),
                                    String.join(". ", m.summaries),
                                    List.copyOf(m.names),
                                    m.labels,
                                    rs.getString("severity"),
                                    rs.getString("source"),
                                    Rows.strings(rs, "services"),
                                    rs.getString("environment"),
                                    null,
                                    null);
                    out.add(
                            new HistoricIncident(
                                    id,
                                    input,
                                    rs.getString("category"),
                                    rs.getString("team"),
                                    rs.getString("priority"),
                                    rs.getDouble("triage_confidence")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw ClickHouseIncidentRepository.failed(INCIDENTS, e);
        }
    }

    /**
     * People's {@code assign} steps with a team at or after {@code since}, oldest first per
     * incident.
     */
    public List<LifecycleEvent> assignments(Instant since) {
        try (Connection c = connections.open();
                PreparedStatement ps =
                        Statements.prepare(
                                c,
                                ASSIGNMENTS.bind(
                                        Map.of(), Map.of("since_ms", since.toEpochMilli())));
                ResultSet rs = ps.executeQuery()) {
            List<LifecycleEvent> out = new ArrayList<>();
            while (rs.next()) {
                out.add(
                        new LifecycleEvent(
                                LifecycleEvent.SCHEMA_VERSION,
                                rs.getString("source"),
                                Rows.instant(rs, "event_ms"),
                                rs.getString("incident_id"),
                                null,
                                LifecycleAction.ASSIGN,
                                rs.getString("actor"),
                                rs.getString("team"),
                                null,
                                null,
                                null));
            }
            return out;
        } catch (SQLException e) {
            throw ClickHouseIncidentRepository.failed(ASSIGNMENTS, e);
        }
    }

    private static Map<String, Members> members(Connection c, Map<String, Object> params) {
        Map<String, Members> out = new HashMap<>();
        try (PreparedStatement ps = Statements.prepare(c, ALERTS.bind(Map.of(), params));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Members m = out.computeIfAbsent(rs.getString("incident_id"), k -> new Members());
                m.names.add(rs.getString("alert_name"));
                String summary = rs.getString("summary");
                if (summary != null && !summary.isBlank() && m.summaries.size() < MAX_SUMMARIES) {
                    m.summaries.add(summary.trim());
                }
                List<String> keys = Rows.strings(rs, "label_keys");
                List<String> values = Rows.strings(rs, "label_values");
                for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                    m.labels.putIfAbsent(
                            keys.get(i), values.get(i)); // the first member's value wins
                }
            }
        } catch (SQLException e) {
            throw ClickHouseIncidentRepository.failed(ALERTS, e);
        }
        return out;
    }

    /** What an incident's member alerts add to its input. */
    private static final class Members {
        final Set<String> names = new LinkedHashSet<>();
        final Set<String> summaries = new LinkedHashSet<>();
        final Map<String, String> labels = new LinkedHashMap<>();
    }
}
