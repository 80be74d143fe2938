package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.metricsapi.kpi.GroupBy;
import dev.incidentintel.metricsapi.kpi.KpiFilter;
import dev.incidentintel.metricsapi.kpi.KpiQuery;
import dev.incidentintel.metricsapi.kpi.NoiseRules;
import dev.incidentintel.metricsapi.kpi.ReportingWindow;
import dev.incidentintel.metricsapi.kpi.TableKpi;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The noise report on a real ClickHouse against a count made here, in Java, from the rows the test
 * wrote: without a rollup, from the rollup of a snapshot, after notifications, links and incidents
 * arrive late for hours the rollup already holds, and after a second snapshot reuses the first
 * one's clean hours (which must equal a rollup built from scratch).
 */
class NoiseRollupIT {
    private static final long HOUR = NoiseRollup.HOUR_MS;
    private static final long DAY = NoiseRollup.DAY_MS;

    record Note(
            String fp,
            String name,
            String service,
            String env,
            boolean firing,
            long eventMs,
            long receivedMs) {}

    record Inc(String id, String service, String env, long detectedMs) {}

    record Link(String incident, String fp, String name, String service, String env) {}

    private final List<Note> notes = new ArrayList<>();
    private final List<Inc> incidents = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();

    private static final String[] RULES = {"HighLatency", "ErrorRate", "DiskFull", "PodCrash"};
    private static final String[] SERVICES = {"checkout", "payments", "search"};
    private static final String[] ENVS = {"prod", "staging"};

    /**
     * Three days of firings before {@code now}: each notified one to three times with the same
     * start (repeats), a third resolved later, a fingerprint re-firing, one fingerprint under two
     * rule names; incidents with links to some of the fingerprints.
     */
    private void generate(long start, long end) {
        Random random = new Random(42);
        for (int f = 0; f < 60; f++) {
            String fp = "fp" + f;
            String name = RULES[f % RULES.length];
            String service = SERVICES[f % SERVICES.length];
            String env = ENVS[f % ENVS.length];
            int firings = 1 + random.nextInt(4);
            for (int k = 0; k < firings; k++) {
                long startsAt = start + (long) (random.nextDouble() * (end - start - 60_000));
                int repeats = 1 + random.nextInt(3);
                for (int j = 0; j < repeats; j++) {
                    notes.add(
                            new Note(
                                    fp,
                                    name,
                                    service,
                                    env,
                                    true,
                                    startsAt,
                                    startsAt + j * 240_000L));
                }
                if (random.nextInt(3) == 0) {
                    long endsAt = Math.min(end - 1, startsAt + random.nextInt(7_200_000));
                    notes.add(new Note(fp, name, service, env, false, endsAt, endsAt + 1000));
                }
            }
        }
        // The same fingerprint and start under a second rule name: one firing for the service.
        long twice = start + 5 * HOUR + 123_000;
        notes.add(new Note("fp-two", "RuleA", "checkout", "prod", true, twice, twice));
        notes.add(new Note("fp-two", "RuleB", "checkout", "prod", true, twice, twice + 60_000));
        for (int i = 0; i < 40; i++) {
            long detected = start + (long) (random.nextDouble() * (end - start - 60_000));
            String service = SERVICES[random.nextInt(SERVICES.length)];
            String env = ENVS[random.nextInt(ENVS.length)];
            Inc inc = new Inc("INC-" + i, service, env, detected);
            incidents.add(inc);
            int n = 1 + random.nextInt(3);
            for (int j = 0; j < n; j++) {
                int f = random.nextInt(60);
                links.add(
                        new Link(
                                inc.id(),
                                "fp" + f,
                                RULES[f % RULES.length],
                                SERVICES[f % SERVICES.length],
                                ENVS[f % ENVS.length]));
            }
        }
    }

    private static void insertNotes(Connection c, List<Note> rows) throws Exception {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO alerts (event_ms, received_ms, fingerprint, status, name, service,"
                                + " environment, severity, summary, source, starts_ms, ends_ms, label_keys,"
                                + " label_values, generator_url, raw_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Note n : rows) {
                ps.setLong(1, n.eventMs());
                ps.setLong(2, n.receivedMs());
                ps.setString(3, n.fp());
                ps.setString(4, n.firing() ? "firing" : "resolved");
                ps.setString(5, n.name());
                ps.setString(6, n.service());
                ps.setString(7, n.env());
                ps.setString(8, "critical");
                ps.setString(9, "");
                ps.setString(10, "alertmanager");
                ps.setLong(11, n.eventMs());
                ps.setNull(12, java.sql.Types.BIGINT);
                ps.setArray(13, c.createArrayOf("String", new String[0]));
                ps.setArray(14, c.createArrayOf("String", new String[0]));
                ps.setString(15, "");
                ps.setString(16, "");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** One version of each incident, and its links (as the job writes them, together). */
    private static void insertIncidents(
            Connection c, List<Inc> rows, List<Link> newLinks, long version) throws Exception {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO incidents (incident_id, version, title, environment, services,"
                                + " primary_service, severity, status, impact_start_ms, detected_ms,"
                                + " updated_ms, alert_count, firing_count, notification_count) VALUES"
                                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Inc i : rows) {
                ps.setString(1, i.id());
                ps.setLong(2, version);
                ps.setString(3, "x");
                ps.setString(4, i.env());
                ps.setArray(5, c.createArrayOf("String", new String[] {i.service()}));
                ps.setString(6, i.service());
                ps.setString(7, "critical");
                ps.setString(8, "open");
                ps.setLong(9, i.detectedMs() - 60_000);
                ps.setLong(10, i.detectedMs());
                ps.setLong(11, i.detectedMs() + version);
                ps.setLong(12, 1);
                ps.setLong(13, 1);
                ps.setLong(14, 1);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO incident_alerts (incident_id, fingerprint, linked_ms, alert_name,"
                                + " service, environment, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Link l : newLinks) {
                ps.setString(1, l.incident());
                ps.setString(2, l.fp());
                ps.setLong(3, System.currentTimeMillis());
                ps.setString(4, l.name());
                ps.setString(5, l.service());
                ps.setString(6, l.env());
                ps.setString(7, "attached");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Dates every write so far an hour back, as if written long before the next snapshot. */
    private static void writtenAnHourAgo(Statement s) throws Exception {
        s.execute("TRUNCATE TABLE alert_writes");
        s.execute(
                "INSERT INTO alert_writes SELECT now() - 3600, toDate(now() - 3600),"
                        + " intDiv(event_ms, 3600000) * 3600000 AS h FROM alerts_by_time GROUP BY h");
        s.execute("TRUNCATE TABLE incident_writes");
        s.execute(
                "INSERT INTO incident_writes SELECT now() - 3600, toDate(now() - 3600), incident_id"
                        + " FROM incidents");
    }

    /** Service figures (notifications, alerts, incidents) and rule figures, counted here. */
    private Map<String, List<Long>> expected(long from, long to, String service, String env) {
        Map<String, List<Long>> out = new TreeMap<>();
        Map<String, Long> n = new HashMap<>();
        Map<String, Set<String>> firings = new HashMap<>();
        Map<String, Long> incidentsBy = new HashMap<>();
        Map<String, Long> ruleN = new HashMap<>();
        Map<String, Set<String>> ruleFirings = new HashMap<>();
        Map<String, Set<String>> ruleLinked = new HashMap<>();
        for (Note x : notes) {
            if (x.eventMs() < from
                    || x.eventMs() >= to
                    || !service.isEmpty() && !service.equals(x.service())
                    || !env.isEmpty() && !env.equals(x.env())) {
                continue;
            }
            String rule = x.name() + "|" + x.service();
            n.merge(x.service(), 1L, Long::sum);
            ruleN.merge(rule, 1L, Long::sum);
            firings.computeIfAbsent(x.service(), k -> new HashSet<>());
            ruleFirings.computeIfAbsent(rule, k -> new HashSet<>());
            if (x.firing()) {
                firings.get(x.service()).add(x.fp() + "@" + x.eventMs());
                ruleFirings.get(rule).add(x.fp() + "@" + x.eventMs());
            }
        }
        Map<String, Inc> detectedInWindow = new HashMap<>();
        for (Inc i : incidents) {
            if (i.detectedMs() >= from && i.detectedMs() < to) {
                detectedInWindow.put(i.id(), i);
                if ((service.isEmpty() || service.equals(i.service()))
                        && (env.isEmpty() || env.equals(i.env()))) {
                    incidentsBy.merge(i.service(), 1L, Long::sum);
                }
            }
        }
        for (Link l : links) {
            if (detectedInWindow.containsKey(l.incident())
                    && (service.isEmpty() || service.equals(l.service()))
                    && (env.isEmpty() || env.equals(l.env()))) {
                ruleLinked
                        .computeIfAbsent(l.name() + "|" + l.service(), k -> new HashSet<>())
                        .add(l.incident());
            }
        }
        Set<String> services = new HashSet<>(n.keySet());
        services.addAll(incidentsBy.keySet());
        for (Link l : links) {
            if (ruleLinked.containsKey(l.name() + "|" + l.service())) {
                services.add(l.service());
            }
        }
        for (String s : services) {
            out.put(
                    "service " + s,
                    List.of(
                            n.getOrDefault(s, 0L),
                            (long) firings.getOrDefault(s, Set.of()).size(),
                            incidentsBy.getOrDefault(s, 0L)));
        }
        Set<String> rules = new HashSet<>(ruleN.keySet());
        rules.addAll(ruleLinked.keySet());
        for (String r : rules) {
            out.put(
                    "rule " + r,
                    List.of(
                            ruleN.getOrDefault(r, 0L),
                            (long) ruleFirings.getOrDefault(r, Set.of()).size(),
                            (long) ruleLinked.getOrDefault(r, Set.of()).size()));
        }
        return out;
    }

    private static Map<String, List<Long>> actual(
            ClickHouseKpiRepository repository, long from, long to, String service, String env) {
        KpiQuery query =
                new KpiQuery(
                        new ReportingWindow(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)),
                        GroupBy.SERVICE,
                        new KpiFilter(service, "", env, "", ""),
                        ZoneOffset.UTC,
                        Instant.ofEpochMilli(to));
        List<Map<String, Object>> rows = repository.table(TableKpi.NOISE, query, Map.of());
        Map<String, List<Long>> out = new TreeMap<>();
        for (Map<String, Object> s : NoiseRules.services(rows)) {
            out.put(
                    "service " + s.get("service"),
                    List.of(
                            ((Number) s.get("notifications")).longValue(),
                            ((Number) s.get("alerts")).longValue(),
                            ((Number) s.get("incidents")).longValue()));
        }
        for (Map<String, Object> r : NoiseRules.noisiest(rows, 10_000)) {
            out.put(
                    "rule " + r.get("rule") + "|" + r.get("service"),
                    List.of(
                            (Long) r.get("notifications"),
                            (Long) r.get("alerts"),
                            (Long) r.get("incidents")));
        }
        return out;
    }

    /** Every window and filter against the count made here. */
    private void assertAllWindows(ClickHouseKpiRepository repository, long start, long now) {
        List<long[]> windows =
                List.of(
                        new long[] {start - HOUR, now + HOUR},
                        new long[] {start + 17 * 60_000, start + 2 * DAY + 5 * 60_000},
                        new long[] {start + DAY, start + 2 * DAY},
                        new long[] {start + 90 * 60_000, start + 100 * 60_000},
                        new long[] {start + 5 * HOUR, start + 29 * HOUR},
                        new long[] {start + DAY + 30 * 60_000, now});
        for (long[] w : windows) {
            for (String[] filter :
                    List.of(
                            new String[] {"", ""},
                            new String[] {"payments", ""},
                            new String[] {"", "prod"})) {
                Map<String, List<Long>> expected = expected(w[0], w[1], filter[0], filter[1]);
                assertThat(actual(repository, w[0], w[1], filter[0], filter[1]))
                        .as("window %s..%s, filter %s", w[0], w[1], List.of(filter))
                        .isEqualTo(expected);
            }
        }
        Map<String, List<Long>> whole = expected(start - HOUR, now + HOUR, "", "");
        assertThat(whole.get("service checkout").get(0))
                .as("repeats make notifications outnumber firings")
                .isGreaterThan(whole.get("service checkout").get(1));
    }

    /**
     * Three days of generated rows before {@code now} in {@code db}, written an hour ago.
     *
     * @return the start of the data (an hour three days before {@code now})
     */
    private long seed(ClickHouseConnections db, long now) throws Exception {
        long start = Math.floorDiv(now, HOUR) * HOUR - 3 * DAY;
        generate(start, now - 60_000);
        try (Connection c = db.open();
                Statement s = c.createStatement()) {
            insertNotes(c, notes);
            insertIncidents(c, incidents, links, 1);
            writtenAnHourAgo(s);
        }
        return start;
    }

    @Test
    void aFailedRollupLeavesTheSnapshotAndNoiseIsCountedFromTheRows() throws Exception {
        ClickHouseConnections db = IncidentSnapshotsIT.database("noise_rollup_failed");
        long now = System.currentTimeMillis();
        long start = seed(db, now);
        try (Connection c = db.open();
                Statement s = c.createStatement()) {
            // The build cannot read the links.
            s.execute("RENAME TABLE incident_alerts TO incident_alerts_away");
        }
        IncidentSnapshots snapshots = IncidentSnapshots.of(db, Clock.systemUTC());
        IncidentSnapshots.Snapshot snapshot = snapshots.take();
        assertThat(snapshots.latest()).contains(snapshot);
        try (Connection c = db.open();
                Statement s = c.createStatement()) {
            s.execute("RENAME TABLE incident_alerts_away TO incident_alerts");
            assertThat(IncidentSnapshots.partitionIds(s, "noise_rollup"))
                    .doesNotContain(snapshot.id());
        }
        assertThat(NoiseRollup.reading(db, snapshots.reading()).builtToMs()).isZero();
        assertAllWindows(new ClickHouseKpiRepository(db, snapshots), start, now);
    }

    private static List<String> rollupRows(Statement s, long id) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs =
                s.executeQuery(
                        "SELECT hours, start_ms, kind, environment, service, name, notifications,"
                                + " firings, incidents FROM noise_rollup WHERE snapshot = "
                                + id
                                + " ORDER BY hours, start_ms, kind, environment, service, name")) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int c = 1; c <= 9; c++) {
                    b.append(rs.getString(c)).append('|');
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    @Test
    void theRollupPlusWhatArrivedSinceCountsWhatTheRowsSay() throws Exception {
        ClickHouseConnections db = IncidentSnapshotsIT.database("noise_rollup");
        long now = System.currentTimeMillis();
        long start = seed(db, now);
        ClickHouseKpiRepository raw = new ClickHouseKpiRepository(db);
        assertAllWindows(raw, start, now);

        IncidentSnapshots snapshots = IncidentSnapshots.of(db, Clock.systemUTC());
        ClickHouseKpiRepository repository = new ClickHouseKpiRepository(db, snapshots);
        IncidentSnapshots.Snapshot first = snapshots.take();
        NoiseRollup.Reading reading = NoiseRollup.reading(db, snapshots.reading());
        assertThat(reading.builtToMs())
                .isEqualTo(Math.floorDiv(first.takenSeconds() * 1000, HOUR) * HOUR);
        assertThat(reading.alertHours()).isEmpty();
        assertThat(reading.linkHours()).isEmpty();
        NoiseRollup.Split split =
                NoiseRollup.split(start - HOUR, now + HOUR, reading.builtToMs(), List.of());
        assertThat(split.days()).isNotEmpty();
        assertThat(split.hours()).isNotEmpty();
        assertAllWindows(repository, start, now);

        // Late arrivals for hours the rollup holds: a repeat and a resolve of an existing firing, a
        // new firing, a link to an old incident (with its new version), a new incident.
        Note old = notes.get(3);
        List<Note> late =
                List.of(
                        new Note(
                                old.fp(),
                                old.name(),
                                old.service(),
                                old.env(),
                                true,
                                old.eventMs(),
                                now),
                        new Note(
                                old.fp(),
                                old.name(),
                                old.service(),
                                old.env(),
                                false,
                                old.eventMs() + 1000,
                                now),
                        new Note("fp-late", "LateRule", "search", "prod", true, start + DAY, now));
        notes.addAll(late);
        Inc oldIncident = incidents.get(0);
        Inc newIncident = new Inc("INC-late", "payments", "prod", start + 30 * HOUR + 5);
        List<Link> lateLinks =
                List.of(
                        new Link(oldIncident.id(), "fp-late", "LateRule", "search", "prod"),
                        new Link(newIncident.id(), "fp1", RULES[1], SERVICES[1], ENVS[1]));
        incidents.add(newIncident);
        links.addAll(lateLinks);
        try (Connection c = db.open()) {
            insertNotes(c, late);
            insertIncidents(c, List.of(oldIncident, newIncident), lateLinks, 2);
        }
        NoiseRollup.Reading dirty = NoiseRollup.reading(db, snapshots.reading());
        assertThat(dirty.alertHours()).contains(Math.floorDiv(old.eventMs(), HOUR) * HOUR);
        assertThat(dirty.linkHours())
                .contains(Math.floorDiv(oldIncident.detectedMs(), HOUR) * HOUR);
        assertAllWindows(repository, start, now);

        // A second snapshot reuses the first one's clean hours: the same rows as from scratch.
        IncidentSnapshots.Snapshot second = snapshots.take();
        assertAllWindows(repository, start, now);
        try (Connection c = db.open();
                Statement s = c.createStatement()) {
            long scratch = second.id() + 1;
            s.execute(
                    "INSERT INTO incident_snapshots SELECT "
                            + scratch
                            + ", "
                            + IncidentSnapshots.COLUMNS
                            + " FROM incident_snapshots WHERE snapshot = "
                            + second.id());
            NoiseRollup.build(s, scratch, second.takenSeconds(), Optional.empty());
            assertThat(rollupRows(s, second.id()))
                    .isEqualTo(rollupRows(s, scratch))
                    .hasSizeGreaterThan(100);

            // A row that bypassed the change lists (as a mutation would), in an hour nothing was
            // written to: carried-forward partitions miss it until the daily full build counts it.
            long bypass = start + 2 * DAY + 3 * HOUR + 7;
            assertThat(NoiseRollup.reading(db, snapshots.reading()).alertHours())
                    .doesNotContain(bypass - 7);
            s.execute(
                    "INSERT INTO alerts_by_time (event_ms, event_date, received_ms, fingerprint,"
                            + " status, name, service, environment) VALUES ("
                            + bypass
                            + ", toDate(toDateTime(intDiv("
                            + bypass
                            + ", 1000))), 1, 'fp-bypass', 'firing', 'Bypass', 'search', 'prod')");
            long carried = scratch + 1;
            long dayLater = scratch + 2;
            long fromScratch = scratch + 3;
            for (long id : List.of(carried, dayLater, fromScratch)) {
                s.execute(
                        "INSERT INTO incident_snapshots SELECT "
                                + id
                                + ", "
                                + IncidentSnapshots.COLUMNS
                                + " FROM incident_snapshots WHERE snapshot = "
                                + second.id());
            }
            long hourLater = second.takenSeconds() + 3600;
            long aDayLater = second.takenSeconds() + 25 * 3600;
            NoiseRollup.build(s, carried, hourLater, Optional.of(second));
            NoiseRollup.build(s, dayLater, aDayLater, Optional.of(second));
            NoiseRollup.build(s, fromScratch, aDayLater, Optional.empty());
            assertThat(rollupRows(s, carried)).noneMatch(row -> row.contains("Bypass"));
            assertThat(rollupRows(s, dayLater))
                    .anyMatch(row -> row.contains("Bypass"))
                    .isEqualTo(rollupRows(s, fromScratch));
        }
    }
}
