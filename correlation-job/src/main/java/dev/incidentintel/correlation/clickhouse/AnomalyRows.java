package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.correlation.anomaly.series.Anomaly;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One {@code anomalies} row per anomaly transition (firing or resolved); see V005. */
public final class AnomalyRows implements TableRows<Anomaly> {
    private static final long serialVersionUID = 1L;

    @Override
    public String insertSql() {
        return "INSERT INTO anomalies (event_ms, started_ms, series_key, kind, environment, service, subject, status,"
                + " value, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public int addRows(Anomaly a, PreparedStatement ps) throws SQLException {
        Bind.millis(ps, 1, a.time());
        Bind.millis(ps, 2, a.startedAt());
        ps.setString(3, a.seriesKey());
        ps.setString(4, a.kind());
        ps.setString(5, a.environment());
        ps.setString(6, a.service());
        ps.setString(7, a.subject());
        ps.setString(8, a.firing() ? "firing" : "resolved");
        // Non-finite values cannot be stored in a way every reader agrees on; they carry no
        // information here.
        ps.setDouble(9, Double.isFinite(a.value()) ? a.value() : 0.0);
        ps.setDouble(10, a.score());
        ps.addBatch();
        return 1;
    }
}
