package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.kpi.Bucket;
import dev.incidentintel.metricsapi.kpi.GroupBy;
import dev.incidentintel.metricsapi.kpi.KpiFilter;
import dev.incidentintel.metricsapi.kpi.KpiQuery;
import dev.incidentintel.metricsapi.kpi.ReportingWindow;
import dev.incidentintel.metricsapi.kpi.TableKpi;
import dev.incidentintel.metricsapi.testing.KpiFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link IncidentSnapshots} on a real ClickHouse: a snapshot plus the incidents written since reads
 * exactly what {@code incidents_current FINAL} reads, row for row and KPI for KPI, after the kinds
 * of writes the job and replays make (new versions, a reopen that clears resolved_ms, an older
 * version arriving late, a re-sent version, a new incident); pruning keeps what readers may use.
 */
class IncidentSnapshotsIT {
    private static final String COLUMNS = IncidentSnapshots.COLUMNS;

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** A fresh migrated database on the shared test ClickHouse. */
    static ClickHouseConnections database(String prefix) {
        String name = SharedTestInfra.uniqueName(prefix);
        SharedTestInfra.clickHouse().createDatabase(name);
        ClickHouseConnections db =
                ClickHouseConnections.of(
                        ClickHouseUrl.parse(SharedTestInfra.clickHouse().jdbcUrl(name)));
        SchemaMigrator.fromClasspath(db).migrate();
        return db;
    }

    /**
     * Seeds the KPI fixture and marks its writes as an hour old (as if written long before the
     * snapshot), so the snapshot, not the change list, serves them.
     */
    private static void seedAnHourAgo(ClickHouseConnections db) throws Exception {
        try (Connection c = db.open();
                Statement s = c.createStatement()) {
            KpiFixture.seed(c);
            s.execute("DROP TABLE incident_writes_mv");
            s.execute("TRUNCATE TABLE incident_writes");
            s.execute(
                    "INSERT INTO incident_writes SELECT now() - 3600, toDate(now() - 3600), incident_id FROM"
                            + " incidents");
            s.execute(
                    "CREATE MATERIALIZED VIEW incident_writes_mv TO incident_writes AS"
                            + " SELECT now() AS written_at, today() AS written_date, incident_id FROM incidents");
        }
    }

    /**
     * Writes after the snapshot, each a new row in incidents as the job or a replay writes them.
     */
    private static void changeAfterTheSnapshot(ClickHouseConnections db) throws Exception {
        String copy =
                "INSERT INTO incidents ("
                        + COLUMNS.replace("detected_date, detected_at, ", "")
                        + ") SELECT ";
        String rest = COLUMNS.replace("detected_date, detected_at, ", "");
        try (Connection c = db.open();
                Statement s = c.createStatement()) {
            // K1 reopened: a higher version, open, resolved_ms cleared, priority changed.
            s.execute(
                    copy
                            + rest.replace("version,", "version + 10,")
                                    .replace(" status,", " 'open',")
                                    .replace(" resolved_ms,", " NULL,")
                                    .replace(" priority,", " 'P4',")
                            + " FROM incidents_current FINAL WHERE incident_id = 'K1'");
            // K2: an older version arriving late (a replay); FINAL keeps the higher one.
            s.execute(
                    copy
                            + rest.replace("version,", "toUInt64(0),")
                                    .replace(" status,", " 'open',")
                            + " FROM incidents_current FINAL WHERE incident_id = 'K2'");
            // K3: the same version re-sent.
            s.execute(copy + rest + " FROM incidents_current FINAL WHERE incident_id = 'K3'");
            // K0 (before the window) resolved later than before: changes the backlog flow.
            s.execute(
                    copy
                            + rest.replace("version,", "version + 1,")
                                    .replace(" resolved_ms,", " resolved_ms + 86400000,")
                            + " FROM incidents_current FINAL WHERE incident_id = 'K0'");
            // A new incident in the window.
            s.execute(
                    copy
                            + rest.replace("incident_id,", "'K9',")
                                    .replace("version,", "toUInt64(1),")
                                    .replace(" detected_ms,", " detected_ms + 3600000,")
                            + " FROM incidents_current FINAL WHERE incident_id = 'K3'");
        }
    }

    @Test
    void aSnapshotPlusWhatChangedSinceReadsWhatFinalReads() throws Exception {
        ClickHouseConnections db = database("snap_rows");
        seedAnHourAgo(db);
        IncidentSnapshots snapshots = IncidentSnapshots.of(db, Clock.systemUTC());
        assertThat(snapshots.latest()).isEmpty();

        IncidentSnapshots.Snapshot snapshot = snapshots.take();
        long from = KpiFixture.FROM.toEpochMilli();
        long to = KpiFixture.TO.toEpochMilli();
        // Nothing written since the margin: the snapshot alone is the source, and still FINAL.
        assertThat(snapshots.reading())
                .isEqualTo(new IncidentSnapshots.Reading(Optional.of(snapshot), false));
        String quietWindow = "detected_ms >= " + from + " AND detected_ms < " + to;
        assertThat(snapshots.source(quietWindow)).doesNotContain("incident_writes");
        assertThat(sorted(rows("SELECT * FROM " + snapshots.source(quietWindow), db)))
                .isEqualTo(
                        sorted(
                                rows(
                                        "SELECT "
                                                + COLUMNS
                                                + " FROM incidents_current FINAL WHERE "
                                                + quietWindow,
                                        db)))
                .isNotEmpty();

        changeAfterTheSnapshot(db);

        assertThat(snapshots.latest()).contains(snapshot);
        assertThat(snapshots.reading().changedSince()).isTrue();
        for (String window :
                List.of(
                        "detected_ms >= " + from + " AND detected_ms < " + to,
                        "detected_ms < " + to,
                        "detected_ms >= " + from,
                        "detected_ms >= "
                                + (from + 86_400_000L)
                                + " AND detected_ms < "
                                + (to - 86_400_000L))) {
            List<String> expected =
                    sorted(
                            rows(
                                    "SELECT "
                                            + COLUMNS
                                            + " FROM incidents_current FINAL WHERE "
                                            + window,
                                    db));
            List<String> actual = sorted(rows("SELECT * FROM " + snapshots.source(window), db));
            assertThat(actual).as(window).isEqualTo(expected);
            assertThat(actual).as(window).isNotEmpty();
        }
        // Both halves of the source served rows: the snapshot the unchanged incidents, the change
        // list K0, K1, K2, K3 and K9.
        assertThat(
                        count(
                                db,
                                "SELECT count() FROM incident_snapshots WHERE snapshot = "
                                        + snapshot.id()))
                .isEqualTo(count(db, "SELECT count() FROM incidents_current FINAL") - 1);
        assertThat(
                        rows(
                                "SELECT DISTINCT incident_id FROM incident_writes WHERE written_at >= now() - 60",
                                db))
                .containsExactlyInAnyOrder("K0", "K1", "K2", "K3", "K9");
        assertThat(
                        rows(
                                "SELECT status, priority FROM "
                                        + snapshots.source("1")
                                        + " WHERE incident_id = 'K1'",
                                db))
                .containsExactly("open\tP4");
    }

    @Test
    void everyKpiIsTheSameFromASnapshotAsFromFinal() throws Exception {
        ClickHouseConnections db = database("snap_kpi");
        seedAnHourAgo(db);
        IncidentSnapshots snapshots = IncidentSnapshots.of(db, Clock.systemUTC());
        snapshots.take();
        ClickHouseKpiRepository fromFinal = new ClickHouseKpiRepository(db);
        ClickHouseKpiRepository fromSnapshot = new ClickHouseKpiRepository(db, snapshots);
        // Before any change the KPIs read the snapshot alone; after, the snapshot and the changes.
        assertThat(snapshots.reading().changedSince()).isFalse();
        assertEveryKpiEqual(fromFinal, fromSnapshot, "no change since the snapshot");
        changeAfterTheSnapshot(db);
        assertThat(snapshots.reading().changedSince()).isTrue();
        assertEveryKpiEqual(fromFinal, fromSnapshot, "after changes");

        // The changes reach the KPIs: K1 is open again (backlog), K9 is counted (volume).
        KpiQuery all =
                new KpiQuery(
                        new ReportingWindow(KpiFixture.FROM, KpiFixture.TO),
                        GroupBy.NONE,
                        KpiFilter.none(),
                        ZoneOffset.UTC,
                        KpiFixture.TO);
        long incidentsInWindow =
                count(
                        db,
                        "SELECT count() FROM incidents_current FINAL WHERE detected_ms >= "
                                + KpiFixture.FROM.toEpochMilli()
                                + " AND detected_ms < "
                                + KpiFixture.TO.toEpochMilli());
        assertThat(fromSnapshot.mttx(all).get(0).incidents()).isEqualTo(incidentsInWindow);
        assertThat(
                        rows(
                                "SELECT incident_id FROM incidents_current FINAL WHERE incident_id = 'K9'",
                                db))
                .containsExactly("K9");
    }

    /** Every KPI, for three groupings and four filter sets, equal from both repositories. */
    private static void assertEveryKpiEqual(
            ClickHouseKpiRepository fromFinal, ClickHouseKpiRepository fromSnapshot, String when) {
        Map<String, Object> slo = new LinkedHashMap<>();
        slo.put("priorities", List.of("P1", "P2", "P3", "P4", "P5"));
        slo.put("ack_targets_s", List.of(900L, 1800L, 3600L, 14400L, 86400L));
        slo.put("resolve_targets_s", List.of(14400L, 28800L, 86400L, 172800L, 604800L));
        slo.put("limit", 100);
        // K1's reopen changed its priority to P4: a filter on it must see the latest version only.
        List<KpiFilter> filters =
                List.of(
                        KpiFilter.none(),
                        new KpiFilter("checkout", "", "", "", ""),
                        new KpiFilter("", "", "", "P4", ""),
                        new KpiFilter("", "", "prod", "P1", ""));
        for (GroupBy groupBy : List.of(GroupBy.NONE, GroupBy.SERVICE, GroupBy.PRIORITY)) {
            for (KpiFilter filter : filters) {
                KpiQuery query =
                        new KpiQuery(
                                new ReportingWindow(KpiFixture.FROM, KpiFixture.TO),
                                groupBy,
                                filter,
                                ZoneOffset.UTC,
                                KpiFixture.TO);
                assertThat(fromSnapshot.mttx(query).toString())
                        .as("mttx by %s, %s, %s", groupBy, filter, when)
                        .isEqualTo(fromFinal.mttx(query).toString());
                for (TableKpi kpi : TableKpi.values()) {
                    Map<String, Object> extra =
                            switch (kpi) {
                                case SLO_PRIORITIES, SLO_BREACHES -> slo;
                                case RECURRENCE_SIGNATURES -> Map.of("limit", 100);
                                case VOLUME -> Map.of("bucket", Bucket.DAY);
                                default -> Map.of();
                            };
                    List<Map<String, Object>> expected = fromFinal.table(kpi, query, extra);
                    assertThat(fromSnapshot.table(kpi, query, extra))
                            .as("%s by %s, %s, %s", kpi, groupBy, filter, when)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void pruneDropsSupersededSnapshotsOnlyAfterReadersAreDoneWithThem() throws Exception {
        ClickHouseConnections db = database("snap_prune");
        seedAnHourAgo(db);
        MovableClock clock = new MovableClock();
        IncidentSnapshots snapshots = IncidentSnapshots.of(db, clock);
        IncidentSnapshots.Snapshot first = snapshots.take();
        clock.advance(Duration.ofSeconds(1));
        IncidentSnapshots.Snapshot second = snapshots.take();
        try (Connection c = db.open();
                Statement s = c.createStatement()) {
            // A day of change records older than any snapshot can need.
            s.execute(
                    "INSERT INTO incident_writes SELECT now() - 3 * 86400, toDate(now() - 3 * 86400), 'OLD'");
        }

        clock.advance(Duration.ofMinutes(2));
        assertThat(snapshots.prune()).isEmpty();
        assertThat(snapshotPartitions(db)).containsExactlyInAnyOrder(first.id(), second.id());

        clock.advance(IncidentSnapshots.RETAIN_SUPERSEDED);
        assertThat(snapshots.prune()).containsExactly(first.id());
        assertThat(snapshotPartitions(db)).containsExactly(second.id());
        assertThat(rows("SELECT incident_id FROM incident_writes WHERE incident_id = 'OLD'", db))
                .isEmpty();
        assertThat(count(db, "SELECT count() FROM incident_writes")).isPositive();

        // The latest stays however old it is.
        clock.advance(Duration.ofDays(1));
        assertThat(snapshots.prune()).isEmpty();
        assertThat(snapshotPartitions(db)).containsExactly(second.id());
    }

    @Test
    void withoutASnapshotTheSourceIsFinal() {
        assertThat(IncidentSnapshots.source(Optional.empty(), "detected_ms < 5"))
                .isEqualTo(
                        "(SELECT "
                                + COLUMNS
                                + " FROM incidents_current FINAL WHERE detected_ms < 5)");
    }

    @Test
    void snapshotColumnsAreTheColumnsOfIncidentsCurrentAndOfIncidents() throws Exception {
        ClickHouseConnections db = database("snap_cols");
        String current =
                String.join(
                        ", ",
                        rows(
                                "SELECT name FROM system.columns WHERE database = currentDatabase() AND table ="
                                        + " 'incidents_current'",
                                db));
        String base =
                String.join(
                        ", ",
                        rows(
                                "SELECT name FROM system.columns WHERE database = currentDatabase() AND table ="
                                        + " 'incidents'",
                                db));
        String snapshot =
                String.join(
                        ", ",
                        rows(
                                "SELECT name FROM system.columns WHERE database = currentDatabase() AND table ="
                                        + " 'incident_snapshots'",
                                db));
        assertThat(current).isEqualTo(COLUMNS);
        assertThat(base).isEqualTo(COLUMNS);
        assertThat(snapshot).isEqualTo("snapshot, " + COLUMNS);
    }

    private static List<Long> snapshotPartitions(ClickHouseConnections db) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (String p :
                rows(
                        "SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase()"
                                + " AND table = 'incident_snapshots' AND active",
                        db)) {
            ids.add(Long.parseLong(p));
        }
        return ids;
    }

    private static long count(ClickHouseConnections db, String sql) throws SQLException {
        return Long.parseLong(rows(sql, db).get(0));
    }

    private static List<String> sorted(List<String> rows) {
        List<String> out = new ArrayList<>(rows);
        out.sort(null);
        return out;
    }

    /** Every row as tab-separated text, in the order read. */
    private static List<String> rows(String sql, ClickHouseConnections db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cells.add(String.valueOf(rs.getString(i)));
                }
                out.add(String.join("\t", cells));
            }
        }
        return out;
    }
}
