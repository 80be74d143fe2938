package dev.incidentintel.metricsapi.clickhouse;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.incident.IncidentAlert;
import dev.incidentintel.metricsapi.incident.IncidentFilter;
import dev.incidentintel.metricsapi.incident.IncidentRepository;
import dev.incidentintel.metricsapi.incident.IncidentSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

  private final ClickHouseConnections connections;

  public ClickHouseIncidentRepository(ClickHouseConnections connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  @Override
  public List<IncidentSummary> find(IncidentFilter filter) {
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(LIST.sql())) {
      // Each filter is bound twice: once for the "'' means any" test, once for the comparison.
      ps.setString(1, filter.environment());
      ps.setString(2, filter.environment());
      ps.setString(3, filter.service());
      ps.setString(4, filter.service());
      ps.setString(5, filter.status());
      ps.setString(6, filter.status());
      ps.setInt(7, filter.limit());
      List<IncidentSummary> incidents = readIncidents(ps);
      return withFingerprints(c, incidents);
    } catch (SQLException e) {
      throw failed(LIST, e);
    }
  }

  @Override
  public Optional<IncidentSummary> findById(String id) {
    try (Connection c = connections.open();
        PreparedStatement ps = c.prepareStatement(BY_ID.sql())) {
      ps.setString(1, id);
      List<IncidentSummary> found = withFingerprints(c, readIncidents(ps));
      return found.stream().findFirst();
    } catch (SQLException e) {
      throw failed(BY_ID, e);
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
                List.of()));
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
