package dev.incidentintel.metricsapi.clickhouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly and daily noise counts (migration V016, docs/METRICS.md#noise-rollup), so the noise report
 * adds up a few thousand rows instead of counting firings over every notification of its window
 * (about 0.6 s of one core for 3.3 million notifications).
 *
 * <p>Firings (a fingerprint and its start) are additive over hours: every firing notification of
 * one firing has the same event time, its {@code startsAt}. So are the incidents an alert rule's
 * alerts joined when they are counted by the hour the incident was detected. {@link #build} writes
 * one {@code noise_rollup} partition per incident snapshot, in the same take: the hours before the
 * snapshot's hour, reusing the previous partition's hours that nothing was written to since its
 * change margin ({@code alert_writes} for notifications, {@code incident_writes} for links, which
 * the job writes together with the incident). A noise query ({@link #placeholders}) reads the
 * rollup for whole hours of its window that nothing was written to since the snapshot's margin, and
 * the notifications and links themselves for the rest: the window's partial hours at each end, the
 * hours since the rollup was built, and the hours written to since. That equals counting everything
 * at query time, for the same reason {@link IncidentSnapshots#source} equals {@code FINAL}.
 */
public final class NoiseRollup {
    private static final Logger LOG = LoggerFactory.getLogger(NoiseRollup.class);

    /** One hour in milliseconds: the rollup's granularity. */
    static final long HOUR_MS = 3_600_000L;

    /**
     * How long partitions are carried forward from one full build: a change that bypassed the
     * change lists (a mutation, rows inserted into a table by hand) is counted within this long.
     */
    static final Duration FULL_BUILD_EVERY = Duration.ofHours(24);

    /** One UTC day in milliseconds: the rollup's coarser rows. */
    static final long DAY_MS = 86_400_000L;

    private NoiseRollup() {}

    /**
     * What a noise query reads.
     *
     * @param incidents the incident snapshot reading (the rollup partition is its snapshot's)
     * @param builtToMs the rollup holds the hours before this; 0 when the snapshot has no rollup
     * @param alertHours hours that notifications were written to since the snapshot's change margin
     * @param linkHours detection hours of the incidents written since the snapshot's change margin
     */
    public record Reading(
            IncidentSnapshots.Reading incidents,
            long builtToMs,
            List<Long> alertHours,
            List<Long> linkHours) {
        public Reading {
            Objects.requireNonNull(incidents, "incidents");
            alertHours = List.copyOf(alertHours);
            linkHours = List.copyOf(linkHours);
        }

        /** No rollup: everything is counted from the notifications and links. */
        public static Reading none(IncidentSnapshots.Reading incidents) {
            return new Reading(incidents, 0, List.of(), List.of());
        }

        boolean hasRollup() {
            return incidents.snapshot().isPresent() && builtToMs > 0;
        }
    }

    /**
     * A window split into rolled time and raw ranges: {@code days} and {@code hours} are read from
     * the rollup's day and hour rows (half-open ranges of bucket starts, ascending, disjoint),
     * {@code raw} from the notifications and links themselves. Together they cover the window
     * exactly once.
     */
    record Split(List<long[]> days, List<long[]> hours, List<long[]> raw) {
        boolean rolls() {
            return !days.isEmpty() || !hours.isEmpty();
        }
    }

    /**
     * Splits {@code [from, to)} given a rollup built up to the hour {@code builtTo} and the hours
     * written to since ({@code dirty}, read raw): whole UTC days of clean hours from day rows,
     * other clean whole hours from hour rows, the rest raw.
     */
    static Split split(long from, long to, long builtTo, Collection<Long> dirty) {
        List<long[]> days = new ArrayList<>();
        List<long[]> hours = new ArrayList<>();
        List<long[]> raw = new ArrayList<>();
        long rolledFrom = ceil(from, HOUR_MS);
        long rolledTo = Math.min(Math.floorDiv(to, HOUR_MS) * HOUR_MS, builtTo);
        if (from >= to) {
            return new Split(days, hours, raw);
        }
        if (rolledFrom >= rolledTo) {
            raw.add(new long[] {from, to});
            return new Split(days, hours, raw);
        }
        TreeSet<Long> excluded = new TreeSet<>();
        for (long hour : dirty) {
            if (hour >= rolledFrom && hour < rolledTo && hour % HOUR_MS == 0) {
                excluded.add(hour);
            }
        }
        add(raw, from, rolledFrom);
        for (long hour = rolledFrom; hour < rolledTo; ) {
            if (excluded.contains(hour)) {
                add(raw, hour, hour + HOUR_MS);
                hour += HOUR_MS;
            } else if (hour % DAY_MS == 0
                    && hour + DAY_MS <= rolledTo
                    && excluded.subSet(hour, hour + DAY_MS).isEmpty()) {
                add(days, hour, hour + DAY_MS);
                hour += DAY_MS;
            } else {
                add(hours, hour, hour + HOUR_MS);
                hour += HOUR_MS;
            }
        }
        add(raw, rolledTo, to);
        return new Split(days, hours, raw);
    }

    private static long ceil(long value, long unit) {
        return Math.floorDiv(value + unit - 1, unit) * unit;
    }

    /** Appends {@code [a, b)}, merged with the last range when they touch; skips an empty one. */
    private static void add(List<long[]> ranges, long a, long b) {
        if (a >= b) {
            return;
        }
        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == a) {
            ranges.get(ranges.size() - 1)[1] = b;
        } else {
            ranges.add(new long[] {a, b});
        }
    }

    /** The condition on {@code noise_rollup} for the rolled days and hours of {@code split}. */
    static String rolledCondition(Split split) {
        List<String> parts = new ArrayList<>();
        if (!split.days().isEmpty()) {
            parts.add("hours = 24 AND " + ranges(split.days(), "start_ms"));
        }
        if (!split.hours().isEmpty()) {
            parts.add("hours = 1 AND " + ranges(split.hours(), "start_ms"));
        }
        return parts.isEmpty() ? "0" : "(" + String.join(" OR ", parts) + ")";
    }

    /** The condition on {@code column} for the raw ranges of {@code split}; "0" for none. */
    static String rawCondition(Split split, String column) {
        return ranges(split.raw(), column);
    }

    /** {@code column} in any of {@code ranges} (half-open); "0" for none. */
    private static String ranges(List<long[]> ranges, String column) {
        if (ranges.isEmpty()) {
            return "0";
        }
        List<String> parts = new ArrayList<>();
        for (long[] r : ranges) {
            parts.add("(" + column + " >= " + r[0] + " AND " + column + " < " + r[1] + ")");
        }
        return "(" + String.join(" OR ", parts) + ")";
    }

    /**
     * The placeholders of {@code sql/kpi_noise.sql} for the window {@code [fromMs, toMs)}: {@code
     * noise_rollup_rows} (a condition on {@code noise_rollup}), {@code raw_alert_times} (on {@code
     * alerts_by_time.event_ms}) and {@code raw_link_incidents} (a subquery of the ids of the
     * incidents whose links are counted from {@code incident_alerts}). Only numbers are inlined.
     */
    static Map<String, String> placeholders(Reading reading, long fromMs, long toMs) {
        long builtTo = reading.hasRollup() ? reading.builtToMs() : Long.MIN_VALUE;
        Split alerts = split(fromMs, toMs, builtTo, reading.alertHours());
        Split links = split(fromMs, toMs, builtTo, reading.linkHours());
        String rollupRows = "0";
        if (alerts.rolls() || links.rolls()) {
            rollupRows =
                    "snapshot = "
                            + reading.incidents().snapshot().orElseThrow().id()
                            + " AND (kind IN (0, 1) AND "
                            + rolledCondition(alerts)
                            + " OR kind = 2 AND "
                            + rolledCondition(links)
                            + ")";
        }
        return Map.of(
                "noise_rollup_rows",
                rollupRows,
                "raw_alert_times",
                rawCondition(alerts, "event_ms"),
                "raw_link_incidents",
                IncidentSnapshots.ids(reading.incidents(), rawCondition(links, "detected_ms")));
    }

    /**
     * The rollup of {@code incidents}' snapshot and the hours written to since its margin, asked
     * now. When they cannot be read (a schema from before V016), everything is counted raw.
     */
    static Reading reading(ClickHouseConnections connections, IncidentSnapshots.Reading incidents) {
        if (incidents.snapshot().isEmpty()) {
            return Reading.none(incidents);
        }
        try (Connection c = connections.open();
                Statement s = c.createStatement()) {
            Rolled r = rolled(s, incidents.snapshot().get());
            return new Reading(incidents, r.builtToMs(), r.alertHours(), r.linkHours());
        } catch (SQLException e) {
            LOG.debug("no noise rollup readable; noise is counted from the notifications", e);
            return Reading.none(incidents);
        }
    }

    /**
     * A snapshot's rollup end (0 without one), the hours before it written to since, and when the
     * full build it descends from was taken (epoch seconds).
     */
    private record Rolled(
            long builtToMs, List<Long> alertHours, List<Long> linkHours, long fullSeconds) {}

    private static Rolled rolled(Statement s, IncidentSnapshots.Snapshot snapshot)
            throws SQLException {
        String since = IncidentSnapshots.writtenSince(snapshot);
        try (ResultSet rs =
                s.executeQuery(
                        "SELECT max(built_to_ms), max(full_s), (SELECT "
                                + hourList("hour_ms")
                                + " FROM alert_writes WHERE "
                                + since
                                + "), (SELECT "
                                + hourList("intDiv(detected_ms, 3600000) * 3600000")
                                + " FROM incidents WHERE incident_id IN"
                                + " (SELECT incident_id FROM incident_writes WHERE "
                                + since
                                + ")) FROM noise_rollup_log WHERE snapshot = "
                                + snapshot.id())) {
            if (!rs.next()) {
                return new Rolled(0, List.of(), List.of(), 0);
            }
            return new Rolled(
                    rs.getLong(1), hours(rs.getString(3)), hours(rs.getString(4)), rs.getLong(2));
        }
    }

    private static String hourList(String expression) {
        return "arrayStringConcat(arrayMap(h -> toString(h), groupUniqArray("
                + expression
                + ")), ',')";
    }

    private static List<Long> hours(String list) {
        List<Long> hours = new ArrayList<>();
        if (list != null && !list.isBlank()) {
            for (String h : list.split(",")) {
                hours.add(Long.parseLong(h.strip()));
            }
        }
        return hours;
    }

    /**
     * Writes partition {@code id} of {@code noise_rollup} and logs it: the hours before the hour of
     * {@code takenSeconds}. Reuses the hours of {@code previous}'s partition that nothing was
     * written to since its change margin, when it has one and descends from a full build less than
     * {@link #FULL_BUILD_EVERY} old; counts the rest. Links are joined to the incidents of snapshot
     * {@code id}, which must be complete.
     */
    static void build(
            Statement s, long id, long takenSeconds, Optional<IncidentSnapshots.Snapshot> previous)
            throws SQLException {
        long builtTo = Math.floorDiv(takenSeconds * 1000, HOUR_MS) * HOUR_MS;
        String alertTimes = "event_ms < " + builtTo;
        String detections = "detected_ms < " + builtTo;
        Rolled before =
                previous.isPresent()
                        ? rolled(s, previous.get())
                        : new Rolled(0, List.of(), List.of(), 0);
        long fullSeconds = takenSeconds;
        if (before.builtToMs() > 0
                && takenSeconds - before.fullSeconds() < FULL_BUILD_EVERY.toSeconds()) {
            fullSeconds = before.fullSeconds();
            // Reuse the previous partition's hours but those written to since its margin; count
            // the hours it lacks and those.
            long reused = Math.min(before.builtToMs(), builtTo);
            List<long[]> alertRanges =
                    recount(before.alertHours(), reused, before.builtToMs(), builtTo);
            List<long[]> linkRanges =
                    recount(before.linkHours(), reused, before.builtToMs(), builtTo);
            s.execute(
                    "INSERT INTO noise_rollup SELECT "
                            + id
                            + ", hours, start_ms, kind, environment, service, name, notifications,"
                            + " firings, incidents FROM noise_rollup WHERE snapshot = "
                            + previous.orElseThrow().id()
                            + " AND hours = 1 AND start_ms < "
                            + reused
                            + notIn("kind IN (0, 1)", before.alertHours())
                            + notIn("kind = 2", before.linkHours()));
            alertTimes = ranges(alertRanges, "event_ms");
            detections = ranges(linkRanges, "detected_ms");
        }
        String firings = "uniqExactIf(fingerprint, event_ms, status = 'firing')";
        s.execute(
                "INSERT INTO noise_rollup SELECT "
                        + id
                        + ", 1, intDiv(event_ms, 3600000) * 3600000 AS hour, 1, environment, service, name,"
                        + " count(), "
                        + firings
                        + ", 0 FROM alerts_by_time WHERE "
                        + alertTimes
                        + " GROUP BY hour, environment, service, name");
        s.execute(
                "INSERT INTO noise_rollup SELECT "
                        + id
                        + ", 1, intDiv(event_ms, 3600000) * 3600000 AS hour, 0, environment, service, '',"
                        + " count(), "
                        + firings
                        + ", 0 FROM alerts_by_time WHERE "
                        + alertTimes
                        + " GROUP BY hour, environment, service");
        s.execute(
                "INSERT INTO noise_rollup SELECT "
                        + id
                        + ", 1, intDiv(detected_ms, 3600000) * 3600000 AS hour, 2, environment, service,"
                        + " alert_name, 0, 0, uniqExact(incident_id) FROM incident_alerts ANY INNER JOIN"
                        + " (SELECT incident_id, detected_ms FROM incident_snapshots WHERE snapshot = "
                        + id
                        + " AND ("
                        + detections
                        + ")) USING incident_id GROUP BY hour, environment, service, alert_name");
        // Whole UTC days before the built hour, from the hours just written.
        s.execute(
                "INSERT INTO noise_rollup SELECT "
                        + id
                        + ", 24, intDiv(start_ms, 86400000) * 86400000 AS day, kind, environment, service,"
                        + " name, sum(notifications), sum(firings), sum(incidents) FROM noise_rollup"
                        + " WHERE snapshot = "
                        + id
                        + " AND hours = 1 AND start_ms < "
                        + Math.floorDiv(builtTo, DAY_MS) * DAY_MS
                        + " GROUP BY day, kind, environment, service, name");
        long rows;
        try (ResultSet rs =
                s.executeQuery("SELECT count() FROM noise_rollup WHERE snapshot = " + id)) {
            rs.next();
            rows = rs.getLong(1);
        }
        s.execute(
                "INSERT INTO noise_rollup_log (snapshot, built_to_ms, rows, full_s) VALUES ("
                        + id
                        + ", "
                        + builtTo
                        + ", "
                        + rows
                        + ", "
                        + fullSeconds
                        + ")");
    }

    /** The dirty hours before {@code reused} and the hours from {@code from} to {@code to}. */
    private static List<long[]> recount(List<Long> dirty, long reused, long from, long to) {
        List<long[]> ranges = new ArrayList<>();
        for (long hour : new TreeSet<>(dirty)) {
            if (hour < reused) {
                add(ranges, hour, hour + HOUR_MS);
            }
        }
        add(ranges, from, to);
        return ranges;
    }

    private static String notIn(String kinds, List<Long> hours) {
        if (hours.isEmpty()) {
            return "";
        }
        String list = hours.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return " AND NOT (" + kinds + " AND start_ms IN (" + list + "))";
    }

    /** Drops the rollup partitions of snapshots not in {@code kept}. */
    static void prune(Statement s, Collection<Long> kept) throws SQLException {
        for (long id : IncidentSnapshots.partitionIds(s, "noise_rollup")) {
            if (!kept.contains(id)) {
                s.execute("ALTER TABLE noise_rollup DROP PARTITION " + id);
            }
        }
    }
}
