package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.events.DeployEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One {@code deploys} row per deploy event. */
public final class DeployRows implements TableRows<DeployEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public String insertSql() {
        return "INSERT INTO deploys (event_ms, service, environment, version, commit, status, url, source)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public int addRows(DeployEvent d, PreparedStatement ps) throws SQLException {
        Bind.millis(ps, 1, d.eventTime());
        ps.setString(2, d.service());
        ps.setString(3, d.environment());
        ps.setString(4, d.version());
        ps.setString(5, d.commit());
        ps.setString(6, d.status().json());
        ps.setString(7, d.url());
        ps.setString(8, d.source());
        ps.addBatch();
        return 1;
    }
}
