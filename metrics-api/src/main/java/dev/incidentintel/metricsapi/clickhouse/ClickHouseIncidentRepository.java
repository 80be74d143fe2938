package dev.incidentintel.metricsapi.clickhouse;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.incident.FeedCursor;
import dev.incidentintel.metricsapi.incident.IncidentAlert;
import dev.incidentintel.metricsapi.incident.IncidentFilter;
import dev.incidentintel.metricsapi.incident.IncidentRepository;
import dev.incidentintel.metricsapi.incident.IncidentSummary;
import dev.incidentintel.metricsapi.incident.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Incidents from ClickHouse: the {@code incidents_latest} view (latest version per incident) and
 * {@code incident_alerts}. SQL lives in {@code sql/incident*.sql}; every value is a bound
 * parameter.
 */
public final class ClickHouseIncidentRepository implements IncidentRepository {
  private static final SqlFile LIST = SqlFile.load("incidents_list");
  private static final SqlFile BY_ID = SqlFile.load("incident_by_id");
  private static final SqlFile FINGERPRINTS = SqlFile.load("incident_fingerprints");
  private static final SqlFile ALERTS = SqlFile.load("incident_alerts");
  private static final SqlFile TIMELINE = SqlFile.load("incident_timeline");

  private final ClickHouseConnections connections;

  public ClickHouseIncidentRepository(ClickHouseConnections connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  @Override
  public List<IncidentSummary> find(IncidentFilter filter) {
    Map<String, Object> params = new HashMap<>();
    params.put("environment", filter.environment());
    params.put("service", filter.service());
    params.put("status", filter.status());
    params.put("team", filter.team());
    params.put("priority", filter.priority());
    params.put("category", filter.category());
    params.put("q", filter.q());
    FeedCursor cursor = filter.cursor();
    params.put("has_cursor", cursor == null ? 0 : 1);
    params.put("cursor_ms", cursor == null ? 0L : cursor.detectedAt().toEpochMilli());
    params.put("cursor_id", cursor == null ? "" : cursor.id());
    params.put("limit", filter.limit() + 1);
    try (Connection c = connections.open();
        PreparedStatement ps = Statements.prepare(c, LIST.bind(Map.of(), params))) {
      List<IncidentSummary> incidents = readIncidents(ps);
      return withFingerprints(c, incidents);
    } catch (SQLException e) {
      throw failed(LIST, e);
    }
  }

  @Override
  public Optional<IncidentSummary> findById(String id) {
    try (Connection c = connections.open();
        PreparedStatement ps = Statements.prepare(c, BY_ID.bind(Map.of(), Map.of("id", id)))) {
      List<IncidentSummary> found = withFingerprints(c, readIncidents(ps));
      return found.stream().findFirst();
    } catch (SQLException e) {
      throw failed(BY_ID, e);
    }
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
      // The writer keeps the two arrays parallel; a mismatch is corrupt data, not a client error.
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
