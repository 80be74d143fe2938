package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.events.IncidentAlertLink;
import dev.incidentintel.events.IncidentUpdate;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * One {@code incident_alerts} row per link an update adds, with its reason and score components:
 * all of them in the {@code score_keys}/{@code score_values} arrays, and the attach score's
 * components also in typed columns (for {@code opened} links, the best rejected candidate's, keys
 * prefixed {@code best.}); NULL when not measured.
 */
public final class IncidentAlertRows implements TableRows<IncidentUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public String insertSql() {
        return "INSERT INTO incident_alerts (incident_id, fingerprint, linked_ms, alert_name, service,"
                + " environment, reason, score_keys, score_values, attach_score, attach_threshold, time_score,"
                + " service_score, topology_score, label_score, text_score, gap_seconds, topology_hops)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** Typed columns 10..17, in order, and the component key each reads. */
    private static final String[] COMPONENT_COLUMNS = {
        "score",
        "threshold",
        "timeScore",
        "serviceScore",
        "topologyScore",
        "labelScore",
        "textScore",
        "gapSeconds"
    };

    private static Double component(Map<String, Double> components, String key) {
        Double v = components.get(key);
        return v != null ? v : components.get("best." + key);
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
            for (int i = 0; i < COMPONENT_COLUMNS.length; i++) {
                Double v = component(link.scoreComponents(), COMPONENT_COLUMNS[i]);
                if (v == null || v.isNaN()) {
                    ps.setNull(10 + i, Types.DOUBLE);
                } else {
                    ps.setDouble(10 + i, v);
                }
            }
            Double hops = component(link.scoreComponents(), "hops");
            ps.setInt(18, hops == null ? -1 : hops.intValue());
            ps.addBatch();
        }
        return update.newLinks().size();
    }
}
