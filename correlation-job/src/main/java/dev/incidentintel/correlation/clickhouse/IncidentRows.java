package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.SuspectDeploy;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One {@code incidents} row per incident version; the table keeps the highest version. */
public final class IncidentRows implements TableRows<IncidentUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public String insertSql() {
        return "INSERT INTO incidents (incident_id, version, title, environment, services, primary_service,"
                + " severity, status, impact_start_ms, detected_ms, acknowledged_ms, mitigated_ms, resolved_ms,"
                + " closed_ms, updated_ms, alert_count, firing_count, notification_count, source, priority, category,"
                + " team, triage_confidence, tier, escalations, reopen_count, signature, recurrence_of, rarity,"
                + " suspect_deploys, suspect_scores)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public int addRows(IncidentUpdate update, PreparedStatement ps) throws SQLException {
        Incident i = update.incident();
        ps.setString(1, i.id());
        ps.setLong(2, i.version());
        ps.setString(3, i.title());
        ps.setString(4, i.environment());
        Bind.strings(ps, 5, i.services());
        ps.setString(6, i.services().get(0));
        ps.setString(7, i.severity().json());
        ps.setString(8, i.status().json());
        Bind.millis(ps, 9, i.impactStart());
        Bind.millis(ps, 10, i.detectedAt());
        Bind.nullableMillis(ps, 11, i.acknowledgedAt());
        Bind.nullableMillis(ps, 12, i.mitigatedAt());
        Bind.nullableMillis(ps, 13, i.resolvedAt());
        Bind.nullableMillis(ps, 14, i.closedAt());
        Bind.millis(ps, 15, i.eventTime());
        ps.setLong(16, i.alertCount());
        ps.setLong(17, i.firingCount());
        ps.setLong(18, i.notificationCount());
        ps.setString(19, i.source());
        ps.setString(20, i.priority());
        ps.setString(21, i.category());
        ps.setString(22, i.team());
        ps.setDouble(23, i.triageConfidence());
        ps.setString(24, i.tier() == null ? "" : i.tier().json());
        ps.setInt(25, i.escalations());
        ps.setInt(26, i.reopenCount());
        ps.setString(27, i.signature());
        ps.setString(28, i.recurrenceOf());
        ps.setString(29, i.rarity());
        Bind.strings(ps, 30, i.suspectDeploys().stream().map(SuspectDeploy::ref).toList());
        Bind.doubles(ps, 31, i.suspectDeploys().stream().map(SuspectDeploy::score).toList());
        ps.addBatch();
        return 1;
    }
}
