package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.events.LifecycleEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One {@code lifecycle_events} row per step, with the incident id the job attached it to. */
public final class LifecycleRows implements TableRows<LifecycleEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public String insertSql() {
        return "INSERT INTO lifecycle_events (event_ms, received_ms, incident_id, alert_fingerprint, action, actor,"
                + " team, tier, note, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public int addRows(LifecycleEvent e, PreparedStatement ps) throws SQLException {
        Bind.millis(ps, 1, e.eventTime());
        Bind.millis(ps, 2, e.eventTime());
        ps.setString(3, e.incidentId() == null ? "" : e.incidentId());
        ps.setString(4, e.alertFingerprint() == null ? "" : e.alertFingerprint());
        ps.setString(5, e.action().json());
        ps.setString(6, e.actor());
        ps.setString(7, e.team());
        ps.setString(8, e.tier() == null ? "" : e.tier().json());
        ps.setString(9, e.note());
        ps.setString(10, e.source());
        ps.addBatch();
        return 1;
    }
}
