package dev.incidentintel.notifier.clickhouse;

import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.notifier.delivery.NotificationRecord;
import dev.incidentintel.notifier.delivery.NotificationStore;
import dev.incidentintel.notifier.delivery.NotifierException;
import dev.incidentintel.notifier.delta.NotifiedView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * The {@code notifications} table (migration V014 of the metrics API) as the notifier's store.
 * Reads use {@code FINAL}, so the latest row per idempotency key counts even before parts merge.
 * Opens a connection per call (the legacy driver speaks HTTP; connections are cheap); the driver is
 * instantiated directly, never through {@code DriverManager} (STACK.md).
 */
public final class ClickHouseNotificationStore implements NotificationStore {
    private static final ClickHouseDriver DRIVER = new ClickHouseDriver();
    private static final String COLUMNS =
            "idempotency_key, incident_id, incident_version, channel, channel_kind, kind,"
                    + " changes, what_changed, reason, outcome, attempts, http_status, error, decided_ms, recorded_ms, body, covers,"
                    + " title, environment, status, severity, priority, services, suspects, reopen_count";

    private final String jdbcUrl;
    private final Clock clock;
    private final Properties properties = new Properties();

    /** recorded_ms must grow per key even within one millisecond, so a later row always wins. */
    private long lastRecordedMs;

    /**
     * @param jdbcUrl ClickHouse JDBC URL naming the database that holds {@code notifications}
     */
    public ClickHouseNotificationStore(String jdbcUrl, Clock clock) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        properties.setProperty("connection_timeout", "5000");
        properties.setProperty("socket_timeout", "60000");
        properties.setProperty("use_server_time_zone", "false");
        properties.setProperty("use_time_zone", "UTC");
    }

    private Connection open() throws SQLException {
        Connection c = DRIVER.connect(jdbcUrl, properties);
        if (c == null) {
            throw new SQLException("the ClickHouse driver rejected the URL " + jdbcUrl);
        }
        return c;
    }

    @Override
    public Map<String, NotifiedView> loadViews() {
        // The view of the highest notified version per incident (digest rows have no incident).
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM notifications FINAL WHERE incident_id != ''"
                        + " ORDER BY incident_id, incident_version DESC LIMIT 1 BY incident_id";
        Map<String, NotifiedView> views = new HashMap<>();
        try (Connection c = open();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                NotifiedView view = record(rs).view();
                views.put(view.incidentId(), view);
            }
            return views;
        } catch (SQLException e) {
            throw new NotifierException(
                    "cannot read notified views from ClickHouse: " + e.getMessage(), e);
        }
    }

    @Override
    public List<NotificationRecord> loadPending() {
        return select("outcome = 'pending'");
    }

    @Override
    public List<NotificationRecord> loadHeld() {
        return select(
                "outcome = 'rate_limited' AND idempotency_key NOT IN"
                        + " (SELECT arrayJoin(covers) FROM notifications WHERE kind = 'digest')");
    }

    private List<NotificationRecord> select(String condition) {
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM notifications FINAL WHERE "
                        + condition
                        + " ORDER BY decided_ms, idempotency_key";
        List<NotificationRecord> out = new ArrayList<>();
        try (Connection c = open();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(record(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new NotifierException(
                    "cannot read notifications ("
                            + condition
                            + ") from ClickHouse: "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public Set<String> recorded(Collection<String> keys) {
        Set<String> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (Connection c = open();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT DISTINCT idempotency_key FROM notifications WHERE has(?, idempotency_key)")) {
            ps.setArray(1, c.createArrayOf("String", keys.toArray(new String[0])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new NotifierException(
                    "cannot check recorded notifications in ClickHouse: " + e.getMessage(), e);
        }
    }

    @Override
    public void record(List<NotificationRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql =
                "INSERT INTO notifications (" + COLUMNS + ") VALUES (" + "?, ".repeat(24) + "?)";
        try (Connection c = open();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (NotificationRecord r : rows) {
                NotifiedView v = r.view();
                int i = 1;
                ps.setString(i++, r.idempotencyKey());
                ps.setString(i++, r.incidentId());
                ps.setLong(i++, r.incidentVersion());
                ps.setString(i++, r.channel());
                ps.setString(i++, r.channelKind());
                ps.setString(i++, r.kind());
                ps.setArray(i++, c.createArrayOf("String", r.changes().toArray(new String[0])));
                ps.setString(i++, r.whatChanged());
                ps.setString(i++, r.reason());
                ps.setString(i++, r.outcome());
                ps.setLong(i++, r.attempts());
                ps.setLong(i++, r.httpStatus());
                ps.setString(i++, r.error());
                ps.setLong(i++, r.decidedAt().toEpochMilli());
                ps.setLong(i++, nextRecordedMs());
                ps.setString(i++, r.body());
                ps.setArray(i++, c.createArrayOf("String", r.covers().toArray(new String[0])));
                ps.setString(i++, v == null ? "" : v.title());
                ps.setString(i++, v == null ? "" : v.environment());
                ps.setString(i++, v == null ? "" : v.status().json());
                ps.setString(i++, v == null ? "" : v.severity().json());
                ps.setString(i++, v == null ? "" : v.priority());
                ps.setArray(
                        i++,
                        c.createArrayOf(
                                "String",
                                (v == null ? List.<String>of() : v.services())
                                        .toArray(new String[0])));
                ps.setArray(
                        i++,
                        c.createArrayOf(
                                "String",
                                (v == null ? List.<String>of() : v.suspects())
                                        .toArray(new String[0])));
                ps.setLong(i, v == null ? 0 : v.reopenCount());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new NotifierException(
                    "cannot record notifications in ClickHouse: " + e.getMessage(), e);
        }
    }

    private long nextRecordedMs() {
        lastRecordedMs = Math.max(clock.millis(), lastRecordedMs + 1);
        return lastRecordedMs;
    }

    private static NotificationRecord record(ResultSet rs) throws SQLException {
        String incidentId = rs.getString("incident_id");
        NotifiedView view =
                incidentId.isEmpty()
                        ? null
                        : new NotifiedView(
                                incidentId,
                                rs.getLong("incident_version"),
                                IncidentStatus.parse(rs.getString("status")),
                                Severity.fromLabel(rs.getString("severity")),
                                rs.getString("priority"),
                                strings(rs, "services"),
                                strings(rs, "suspects"),
                                rs.getInt("reopen_count"),
                                rs.getString("title"),
                                rs.getString("environment"));
        return new NotificationRecord(
                rs.getString("idempotency_key"),
                incidentId,
                rs.getLong("incident_version"),
                rs.getString("channel"),
                rs.getString("channel_kind"),
                rs.getString("kind"),
                strings(rs, "changes"),
                rs.getString("what_changed"),
                rs.getString("reason"),
                rs.getString("outcome"),
                rs.getInt("attempts"),
                rs.getInt("http_status"),
                rs.getString("error"),
                Instant.ofEpochMilli(rs.getLong("decided_ms")),
                rs.getString("body"),
                strings(rs, "covers"),
                view);
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return Arrays.stream((Object[]) rs.getArray(column).getArray())
                .map(String::valueOf)
                .toList();
    }
}
