package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.events.AlertEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One {@code alerts} row per alert notification (repeats included: they measure noise). */
public final class AlertRows implements TableRows<AlertEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public String insertSql() {
        return "INSERT INTO alerts (event_ms, received_ms, fingerprint, status, name, service, environment,"
                + " severity, summary, source, starts_ms, ends_ms, label_keys, label_values, generator_url, raw_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public int addRows(AlertEvent a, PreparedStatement ps) throws SQLException {
        Bind.millis(ps, 1, a.eventTime());
        Bind.millis(ps, 2, a.receivedAt());
        ps.setString(3, a.fingerprint());
        ps.setString(4, a.status().json());
        ps.setString(5, a.name());
        ps.setString(6, a.service());
        ps.setString(7, a.environment());
        ps.setString(8, a.severity().json());
        ps.setString(9, a.summary());
        ps.setString(10, a.source());
        Bind.millis(ps, 11, a.startsAt());
        Bind.nullableMillis(ps, 12, a.endsAt());
        Bind.strings(ps, 13, a.labels().keySet());
        Bind.strings(ps, 14, a.labels().values());
        ps.setString(15, a.generatorUrl());
        ps.setString(16, a.rawId());
        ps.addBatch();
        return 1;
    }
}
