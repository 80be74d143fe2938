package dev.incidentintel.metricsapi.clickhouse;

import dev.incidentintel.metricsapi.notification.NotificationEntry;
import dev.incidentintel.metricsapi.notification.NotificationFilter;
import dev.incidentintel.metricsapi.notification.NotificationRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Notification decisions from the {@code notifications} table (sql/notifications_list.sql). */
public final class ClickHouseNotificationRepository implements NotificationRepository {
    private static final SqlFile LIST = SqlFile.load("notifications_list");

    /** Upper bound of decided_ms when no {@code to} is given (year 9999). */
    private static final long NO_END_MS = 253_402_300_799_999L;

    private final ClickHouseConnections connections;

    public ClickHouseNotificationRepository(ClickHouseConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public List<NotificationEntry> find(NotificationFilter f) {
        Map<String, Object> params = new HashMap<>();
        params.put("incident", f.incident());
        params.put("channel", f.channel());
        params.put("outcome", f.outcome());
        params.put("from_ms", f.from() == null ? 0L : f.from().toEpochMilli());
        params.put("to_ms", f.to() == null ? NO_END_MS : f.to().toEpochMilli());
        params.put("cursor_ms", f.cursor() == null ? 0L : f.cursor().detectedAt().toEpochMilli());
        params.put("cursor_id", f.cursor() == null ? "" : f.cursor().id());
        params.put("limit", f.limit() + 1);
        // Only the filters set, and the cursor on later pages, reach the SQL (FilterSql).
        String filters =
                FilterSql.and(
                        FilterSql.NOTIFICATIONS,
                        params,
                        f.cursor() != null,
                        "(decided_ms < :cursor_ms OR (decided_ms = :cursor_ms AND idempotency_key > :cursor_id))");
        try (Connection c = connections.open();
                PreparedStatement ps =
                        Statements.prepare(
                                c, LIST.bind(Map.of("notification_filters", filters), params));
                ResultSet rs = ps.executeQuery()) {
            List<NotificationEntry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(
                        new NotificationEntry(
                                rs.getString("idempotency_key"),
                                rs.getString("incident_id"),
                                rs.getLong("incident_version"),
                                rs.getString("channel"),
                                rs.getString("channel_kind"),
                                rs.getString("kind"),
                                Rows.strings(rs, "changes"),
                                rs.getString("what_changed"),
                                rs.getString("reason"),
                                rs.getString("outcome"),
                                rs.getInt("attempts"),
                                rs.getInt("http_status"),
                                rs.getString("error"),
                                Rows.instant(rs, "decided_ms"),
                                Rows.instant(rs, "recorded_ms"),
                                rs.getString("title"),
                                rs.getString("environment"),
                                rs.getString("priority"),
                                Rows.strings(rs, "services"),
                                Rows.strings(rs, "covers")));
            }
            return out;
        } catch (SQLException e) {
            throw ClickHouseIncidentRepository.failed(LIST, e);
        }
    }
}
