package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.events.IncidentAlertLink;
import dev.incidentintel.events.IncidentUpdate;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One {@code incident_alerts} row per link an update adds, with its reason and score components. */
public final class IncidentAlertRows implements TableRows<IncidentUpdate> {
  private static final long serialVersionUID = 1L;

  @Override
  public String insertSql() {
    return "INSERT INTO incident_alerts (incident_id, fingerprint, linked_ms, alert_name, service,"
        + " environment, reason, score_keys, score_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  @Override
  public int addRows(IncidentUpdate update, PreparedStatement ps) throws SQLException {
    for (IncidentAlertLink link : update.newLinks()) {
      ps.setString(1, link.incidentId());
      ps.setString(2, link.fingerprint());
      Bind.millis(ps, 3, link.linkedAt());
      ps.setString(4, link.alertName());
      ps.setString(5, link.service());
      ps.setString(6, link.environment());
      ps.setString(7, link.reason());
      Bind.strings(ps, 8, link.scoreComponents().keySet());
      Bind.doubles(ps, 9, link.scoreComponents().values());
      ps.addBatch();
    }
    return update.newLinks().size();
  }
}
