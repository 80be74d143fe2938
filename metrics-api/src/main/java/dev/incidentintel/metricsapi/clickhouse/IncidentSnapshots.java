package dev.incidentintel.metricsapi.clickhouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settled snapshots of the current incident state (migration V015, docs/METRICS.md#snapshots-kpis),
 * so KPI reads need not collapse versions with {@code FINAL}, which ClickHouse 18.16 runs in one
 * stream (about 20 ms per 300,000 incidents before any aggregation).
 *
 * <p>{@link #take} copies {@code incidents_current FINAL} into a new partition of {@code
 * incident_snapshots} and logs it in {@code incident_snapshot_log} once complete. {@link #source}
 * is what KPI SQL reads instead of {@code incidents_current FINAL}: the latest logged snapshot,
 * minus every incident written since {@link #CHANGE_MARGIN} before it was taken, plus the highest
 * version of each of those from {@code incidents}. That equals {@code FINAL} at any moment, since
 * an incident whose latest row the snapshot missed was written after the snapshot's read began, and
 * so appears in {@code incident_writes} from then on (the margin covers an insert that began
 * earlier; the job's inserts take milliseconds). Without a snapshot the source is {@code FINAL}.
 * When nothing was written since the margin before the snapshot ({@link #reading}, one small count
 * per KPI query), the source is the snapshot alone: no {@code NOT IN} and no second branch, about
 * 15 ms less per 300,000 incidents.
 *
 * <p>Each take also builds the snapshot's partition of the hourly noise counts ({@link
 * NoiseRollup}) before logging it; when that fails the snapshot is logged without one. {@link
 * #prune} drops snapshots superseded for more than {@link #RETAIN_SUPERSEDED} (readers cache the
 * latest for {@link #CACHE_TTL} only) with their noise partitions, and the days of {@code
 * incident_writes} and {@code alert_writes} no snapshot in use can need. Single-node schema only:
 * on a cluster, leave {@link #startTaking} off and reads use {@code FINAL}.
 */
public final class IncidentSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentSnapshots.class);

    /** Incidents written this long before a snapshot was taken are read from {@code incidents}. */
    public static final Duration CHANGE_MARGIN = Duration.ofMinutes(10);

    /** How long a reader keeps using the latest snapshot it looked up. */
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    /** How long a superseded snapshot stays, for readers that still use it. */
    static final Duration RETAIN_SUPERSEDED = Duration.ofMinutes(10);

    /** The columns of {@code incidents_current} (and of {@code incidents}), in table order. */
    static final String COLUMNS =
            "incident_id, version, detected_date, detected_at, title, environment, services,"
                    + " primary_service, severity, status, impact_start_ms, detected_ms, acknowledged_ms,"
                    + " mitigated_ms, resolved_ms, closed_ms, updated_ms, alert_count, firing_count,"
                    + " notification_count, source, priority, category, team, triage_confidence, tier,"
                    + " escalations, reopen_count, signature, recurrence_of, rarity, suspect_deploys,"
                    + " suspect_scores";

    /**
     * A complete snapshot.
     *
     * @param id its partition in {@code incident_snapshots}
     * @param takenSeconds server time (epoch seconds) when its read of {@code incidents_current}
     *     began
     */
    public record Snapshot(long id, long takenSeconds) {}

    /**
     * What a KPI query reads: the latest snapshot, if any, and whether incidents were written since
     * {@link #CHANGE_MARGIN} before it was taken (then the source adds them).
     */
    public record Reading(Optional<Snapshot> snapshot, boolean changedSince) {
        public Reading {
            Objects.requireNonNull(snapshot, "snapshot");
        }

        /** No snapshot: the source is {@code incidents_current FINAL}. */
        public static Reading none() {
            return new Reading(Optional.empty(), true);
        }
    }

    private final ClickHouseConnections connections;
    private final Clock clock;
    private final Object lock = new Object();
    private Optional<Snapshot> cached = Optional.empty();
    private long cachedAtMillis = Long.MIN_VALUE;
    private ScheduledExecutorService taker;

    private IncidentSnapshots(ClickHouseConnections connections, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Snapshots in {@code connections}' database; nothing is taken until asked. */
    public static IncidentSnapshots of(ClickHouseConnections connections, Clock clock) {
        return new IncidentSnapshots(connections, clock);
    }

    /**
     * The query text of the current incidents detected where {@code window} holds (a condition on
     * {@code detected_ms}, which never changes for an incident): a parenthesised subquery with the
     * columns of {@code incidents_current}, one row per incident, its highest version.
     *
     * @param snapshot the snapshot to read, or empty for {@code incidents_current FINAL}
     */
    static String source(Optional<Snapshot> snapshot, String window) {
        return source(new Reading(snapshot, true), window);
    }

    /**
     * {@link #source(Optional, String)}, or the snapshot alone when {@code reading} says nothing
     * was written since its margin.
     */
    static String source(Reading reading, String window) {
        Optional<Snapshot> snapshot = reading.snapshot();
        if (snapshot.isEmpty()) {
            return "(SELECT " + COLUMNS + " FROM incidents_current FINAL WHERE " + window + ")";
        }
        String snapshotRows =
                "SELECT "
                        + COLUMNS
                        + " FROM incident_snapshots WHERE snapshot = "
                        + snapshot.get().id()
                        + " AND ("
                        + window
                        + ")";
        if (!reading.changedSince()) {
            return "(" + snapshotRows + ")";
        }
        // Only numbers from the snapshot log are inlined; the window's parameters stay bound.
        String changed =
                "(SELECT incident_id FROM incident_writes WHERE "
                        + writtenSince(snapshot.get())
                        + ")";
        return "("
                + snapshotRows
                + " AND incident_id NOT IN "
                + changed
                + " UNION ALL SELECT "
                + COLUMNS
                + " FROM (SELECT "
                + COLUMNS
                + " FROM incidents"
                + " WHERE incident_id IN "
                + changed
                + " AND ("
                + window
                + ")"
                + " ORDER BY incident_id, version DESC LIMIT 1 BY incident_id))";
    }

    /**
     * A subquery of the ids of the incidents detected where {@code window} holds, for {@code
     * incident_id IN}: cheaper than {@link #source(Reading, String)} since an id set needs no
     * version. The snapshot's ids plus those written since its margin (any version: {@code
     * detected_ms} never changes), or every version's ids from {@code incidents} without a
     * snapshot.
     */
    static String ids(Reading reading, String window) {
        Optional<Snapshot> snapshot = reading.snapshot();
        if (snapshot.isEmpty()) {
            return "(SELECT incident_id FROM incidents WHERE " + window + ")";
        }
        String ids =
                "SELECT incident_id FROM incident_snapshots WHERE snapshot = "
                        + snapshot.get().id()
                        + " AND ("
                        + window
                        + ")";
        if (reading.changedSince()) {
            ids +=
                    " UNION ALL SELECT incident_id FROM incidents WHERE incident_id IN (SELECT"
                            + " incident_id FROM incident_writes WHERE "
                            + writtenSince(snapshot.get())
                            + ") AND ("
                            + window
                            + ")";
        }
        return "(" + ids + ")";
    }

    /** {@link #source(Reading, String)} over {@link #reading()}. */
    public String source(String window) {
        return source(reading(), window);
    }

    /**
     * Incidents written at or after this (server clock, epoch seconds) are read from the change
     * list.
     */
    private static long since(Snapshot snapshot) {
        return snapshot.takenSeconds() - CHANGE_MARGIN.toSeconds();
    }

    /**
     * The condition on {@code incident_writes} for the change list of {@code snapshot}: what the
     * KPI source reads and {@link #reading} counts, so the two cannot disagree.
     */
    static String writtenSince(Snapshot snapshot) {
        long since = since(snapshot);
        return "written_date >= toDate(toDateTime("
                + since
                + ")) AND written_at >= toDateTime("
                + since
                + ")";
    }

    /**
     * The latest snapshot and whether anything was written since its margin, asked now: a write
     * that lands after this answer is seen by the next query, as one that lands during a query may
     * be. When the change list cannot be read the source includes it.
     */
    public Reading reading() {
        Optional<Snapshot> snapshot = latest();
        if (snapshot.isEmpty()) {
            return Reading.none();
        }
        try (Connection c = connections.open();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count() FROM incident_writes WHERE "
                                        + writtenSince(snapshot.get()))) {
            return new Reading(snapshot, !rs.next() || rs.getLong(1) > 0);
        } catch (SQLException e) {
            LOG.debug("change list unreadable; KPIs read it in the query", e);
            return new Reading(snapshot, true);
        }
    }

    /**
     * The latest complete snapshot, looked up at most every {@link #CACHE_TTL}. Empty when there is
     * none, or when the log cannot be read (a schema from before V015): reads then use {@code
     * FINAL}.
     */
    public Optional<Snapshot> latest() {
        long now = clock.millis();
        synchronized (lock) {
            if (cachedAtMillis != Long.MIN_VALUE && now - cachedAtMillis < CACHE_TTL.toMillis()) {
                return cached;
            }
        }
        Optional<Snapshot> found;
        try {
            found = readLatest();
        } catch (SQLException e) {
            LOG.debug("no incident snapshot log readable; KPIs read incidents_current FINAL", e);
            found = Optional.empty();
        }
        synchronized (lock) {
            cached = found;
            cachedAtMillis = now;
        }
        return found;
    }

    private Optional<Snapshot> readLatest() throws SQLException {
        try (Connection c = connections.open();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT snapshot, taken_s FROM incident_snapshot_log"
                                        + " ORDER BY completed_ms DESC, snapshot DESC LIMIT 1")) {
            return rs.next()
                    ? Optional.of(new Snapshot(rs.getLong(1), rs.getLong(2)))
                    : Optional.empty();
        }
    }

    /**
     * Takes a snapshot now: copies {@code incidents_current FINAL} into a new partition, then logs
     * it, which makes it the latest for readers.
     *
     * @return the snapshot and how many incidents it holds
     * @throws SQLException when ClickHouse fails; a partly written partition is dropped
     */
    public Snapshot take() throws SQLException {
        try (Connection c = connections.open();
                Statement s = c.createStatement()) {
            long takenSeconds;
            try (ResultSet rs = s.executeQuery("SELECT toUInt64(now())")) {
                rs.next();
                takenSeconds = rs.getLong(1);
            }
            // Two API instances taking a snapshot in the same second get different partitions.
            long id = takenSeconds * 1000 + ThreadLocalRandom.current().nextInt(1000);
            Optional<Snapshot> previous = readLatest();
            long incidents;
            try {
                s.execute(
                        "INSERT INTO incident_snapshots SELECT "
                                + id
                                + " AS snapshot, "
                                + COLUMNS
                                + " FROM incidents_current FINAL");
                try (ResultSet rs =
                        s.executeQuery(
                                "SELECT count() FROM incident_snapshots WHERE snapshot = " + id)) {
                    rs.next();
                    incidents = rs.getLong(1);
                }
                buildNoiseRollup(s, id, takenSeconds, previous);
                s.execute(
                        "INSERT INTO incident_snapshot_log (snapshot, taken_s, completed_ms, incidents) VALUES"
                                + " ("
                                + id
                                + ", "
                                + takenSeconds
                                + ", "
                                + clock.millis()
                                + ", "
                                + incidents
                                + ")");
            } catch (SQLException e) {
                try {
                    s.execute("ALTER TABLE incident_snapshots DROP PARTITION " + id);
                    s.execute("ALTER TABLE noise_rollup DROP PARTITION " + id);
                } catch (SQLException dropFailed) {
                    e.addSuppressed(dropFailed);
                }
                throw e;
            }
            Snapshot snapshot = new Snapshot(id, takenSeconds);
            synchronized (lock) {
                cached = Optional.of(snapshot);
                cachedAtMillis = clock.millis();
            }
            LOG.info("incident snapshot {}: {} incidents", id, incidents);
            return snapshot;
        }
    }

    /**
     * The noise rollup of snapshot {@code id}; a failure is logged and its partition dropped, and
     * the snapshot is still logged: the incident KPIs need it more, and noise without a rollup is
     * counted from the rows (slower, same figures).
     */
    private static void buildNoiseRollup(
            Statement s, long id, long takenSeconds, Optional<Snapshot> previous) {
        try {
            NoiseRollup.build(s, id, takenSeconds, previous);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("noise rollup {} failed; noise is counted from the notifications", id, e);
            try {
                s.execute("ALTER TABLE noise_rollup DROP PARTITION " + id);
            } catch (SQLException dropFailed) {
                LOG.debug("could not drop the partial noise rollup {}", id, dropFailed);
            }
        }
    }

    /**
     * Drops every snapshot partition but the latest logged one and those superseded less than
     * {@link #RETAIN_SUPERSEDED} ago (a partition never logged, from a failed take, once it is that
     * old too), and the days of {@code incident_writes} ending a day before the latest snapshot's
     * change margin.
     *
     * @return the snapshot partitions dropped
     */
    public List<Long> prune() throws SQLException {
        List<Long> dropped = new ArrayList<>();
        try (Connection c = connections.open();
                Statement s = c.createStatement()) {
            List<Logged> log = log(s);
            Optional<Snapshot> latest =
                    log.isEmpty()
                            ? Optional.empty()
                            : Optional.of(log.get(log.size() - 1).snapshot());
            long now = clock.millis();
            for (long id : partitionIds(s)) {
                if (latest.isPresent() && latest.get().id() == id) {
                    continue;
                }
                int at = 0;
                while (at < log.size() && log.get(at).snapshot().id() != id) {
                    at++;
                }
                // Every logged snapshot but the latest has a successor: count from when it
                // completed. A
                // partition never logged (a failed take) counts from when it was taken (its id).
                long since =
                        at < log.size() ? log.get(at + 1).completedMillis() : (id / 1000) * 1000;
                if (now - since > RETAIN_SUPERSEDED.toMillis()) {
                    s.execute("ALTER TABLE incident_snapshots DROP PARTITION " + id);
                    dropped.add(id);
                }
            }
            NoiseRollup.prune(s, partitionIds(s));
            if (latest.isPresent()) {
                // A day more than the latest snapshot needs: readers may still use the one before.
                long keepFrom = since(latest.get()) - Duration.ofDays(1).toSeconds();
                for (String table : List.of("incident_writes", "alert_writes")) {
                    dropDaysBefore(s, table, keepFrom);
                }
            }
        }
        return dropped;
    }

    /**
     * Drops the day partitions of a change list ({@code incident_writes}, {@code alert_writes}).
     */
    private static void dropDaysBefore(Statement s, String table, long keepFromSeconds)
            throws SQLException {
        List<String> oldDays = new ArrayList<>();
        try (ResultSet rs =
                s.executeQuery(
                        "SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase()"
                                + " AND table = '"
                                + table
                                + "' AND active AND max_date < toDate(toDateTime("
                                + keepFromSeconds
                                + "))")) {
            while (rs.next()) {
                oldDays.add(rs.getString(1));
            }
        }
        for (String day : oldDays) {
            if (!day.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new IllegalStateException("unexpected " + table + " partition '" + day + "'");
            }
            s.execute("ALTER TABLE " + table + " DROP PARTITION '" + day + "'");
        }
    }

    /** A logged snapshot and when its take completed (API clock). */
    private record Logged(Snapshot snapshot, long completedMillis) {}

    /** The snapshot log in completion order, so the last is the latest (as {@link #readLatest}). */
    private static List<Logged> log(Statement s) throws SQLException {
        List<Logged> log = new ArrayList<>();
        try (ResultSet rs =
                s.executeQuery(
                        "SELECT snapshot, taken_s, completed_ms FROM incident_snapshot_log"
                                + " ORDER BY completed_ms, snapshot")) {
            while (rs.next()) {
                log.add(new Logged(new Snapshot(rs.getLong(1), rs.getLong(2)), rs.getLong(3)));
            }
        }
        return log;
    }

    /** The snapshot partitions present, logged or not. */
    private static List<Long> partitionIds(Statement s) throws SQLException {
        return partitionIds(s, "incident_snapshots");
    }

    /** The partitions of {@code table} (partitioned by snapshot id) present. */
    static List<Long> partitionIds(Statement s, String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs =
                s.executeQuery(
                        "SELECT DISTINCT toUInt64(partition) FROM system.parts WHERE database ="
                                + " currentDatabase() AND table = '"
                                + table
                                + "' AND active")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /**
     * Takes a snapshot now and then every {@code interval} on a daemon thread, pruning after each;
     * skips a round when the latest snapshot (perhaps another API instance's) is younger than half
     * the interval. Failures are logged and retried at the next round; reads stay correct
     * meanwhile.
     */
    public void startTaking(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        synchronized (lock) {
            if (taker != null) {
                throw new IllegalStateException("already taking snapshots");
            }
            taker =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "incident-snapshots");
                                t.setDaemon(true);
                                return t;
                            });
        }
        taker.scheduleWithFixedDelay(
                () -> round(interval), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round(Duration interval) {
        try {
            Optional<Snapshot> latest = readLatest();
            long ageSeconds =
                    latest.map(l -> clock.millis() / 1000 - l.takenSeconds())
                            .orElse(Long.MAX_VALUE);
            if (ageSeconds >= interval.toSeconds() / 2) {
                take();
            }
            prune();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("incident snapshot round failed; KPIs keep reading the previous state", e);
        }
    }

    /** Stops taking snapshots (the tables stay). */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (lock) {
            t = taker;
            taker = null;
        }
        if (t != null) {
            t.shutdownNow();
        }
    }
}
