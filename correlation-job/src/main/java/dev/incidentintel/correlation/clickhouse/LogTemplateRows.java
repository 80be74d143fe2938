package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.correlation.anomaly.logs.TemplateStats;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One {@code log_templates} row per template change; the highest line_count wins (see V005). */
public final class LogTemplateRows implements TableRows<TemplateStats> {
    private static final long serialVersionUID = 1L;

    @Override
    public String insertSql() {
        return "INSERT INTO log_templates (environment, service, template_id, template, first_seen_ms, last_seen_ms,"
                + " line_count) VALUES (?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public int addRows(TemplateStats t, PreparedStatement ps) throws SQLException {
        ps.setString(1, t.environment());
        ps.setString(2, t.service());
        ps.setString(3, t.templateId());
        ps.setString(4, t.template());
        Bind.millis(ps, 5, t.firstSeen());
        Bind.millis(ps, 6, t.lastSeen());
        ps.setLong(7, t.count());
        ps.addBatch();
        return 1;
    }
}
