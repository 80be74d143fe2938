package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrator against a real ClickHouse 18.16, one fresh database per test. */
class SchemaMigratorIT {
    private static final Instant APPLIED_AT = Instant.parse("2024-05-01T10:00:00Z");

    private LocalClickHouse clickHouse;
    private String database;
    private ClickHouseConnections connections;

    @BeforeEach
    void freshDatabaseName() {
        clickHouse = SharedTestInfra.clickHouse();
        database = SharedTestInfra.uniqueName("migrator");
        connections = ClickHouseConnections.of(ClickHouseUrl.parse(clickHouse.jdbcUrl(database)));
    }

    private SchemaMigrator migrator(List<Migration> migrations) {
        return new SchemaMigrator(connections, migrations, Clock.fixed(APPLIED_AT, ZoneOffset.UTC));
    }

    private String query(String sql) {
        return clickHouse.query(database, sql);
    }

    /** "name type" per line, in table order. */
    private String columns(String table) {
        return query(
                "SELECT concat(name, ' ', type) FROM system.columns WHERE database = currentDatabase()"
                        + " AND table = '"
                        + table
                        + "' FORMAT TSVRaw");
    }

    @Test
    void createsTheDatabaseAppliesEveryMigrationOnceAndRecordsThem() {
        assertThat(
                        clickHouse
                                .query(
                                        "SELECT count() FROM system.databases WHERE name = '"
                                                + database
                                                + "'")
                                .strip())
                .isEqualTo("0");

        List<Migration> first = SchemaMigrator.fromClasspath(connections).migrate();
        List<Migration> second = SchemaMigrator.fromClasspath(connections).migrate();

        // Later migrations are added over time: the first ones must come first, in order, once
        // each.
        assertThat(first)
                .extracting(Migration::fileName)
                .startsWith(
                        "V001__base_tables.sql",
                        "V002__incidents_latest_view.sql",
                        "V003__lifecycle_and_deploys.sql",
                        "V004__incident_triage_and_correlation_columns.sql")
                .doesNotHaveDuplicates();
        assertThat(second).isEmpty();
        assertThat(
                        query(
                                "SELECT version, name, length(checksum) FROM schema_migrations WHERE version <= 4"
                                        + " ORDER BY version"))
                .isEqualTo(
                        "1\tbase_tables\t64\n2\tincidents_latest_view\t64\n3\tlifecycle_and_deploys\t64\n"
                                + "4\tincident_triage_and_correlation_columns\t64\n");
        assertThat(query("SELECT count() FROM schema_migrations")).isEqualTo(first.size() + "\n");
        assertThat(
                        query(
                                "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name"))
                .contains(
                        "alerts\n",
                        "deploys\n",
                        "incident_alerts\n",
                        "incidents\n",
                        "incidents_latest\n",
                        "lifecycle_events\n",
                        "schema_migrations\n");
    }

    @Test
    void baseTablesHaveTheColumnsTheFlinkJobWrites() {
        SchemaMigrator.fromClasspath(connections).migrate();

        // Copied by hand from V001 (the contract with correlation-job), not read from the code.
        assertThat(columns("incidents"))
                .isEqualTo(
                        String.join(
                                "\n",
                                "incident_id String",
                                "version UInt64",
                                "detected_date Date",
                                "detected_at DateTime",
                                "title String",
                                "environment String",
                                "services Array(String)",
                                "primary_service String",
                                "severity String",
                                "status Enum8('open' = 1, 'resolved' = 2, 'stale' = 3)",
                                "impact_start_ms UInt64",
                                "detected_ms UInt64",
                                "acknowledged_ms Nullable(UInt64)",
                                "mitigated_ms Nullable(UInt64)",
                                "resolved_ms Nullable(UInt64)",
                                "closed_ms Nullable(UInt64)",
                                "updated_ms UInt64",
                                "alert_count UInt32",
                                "firing_count UInt32",
                                "notification_count UInt64",
                                // Added by V004 (correlation and triage fields), copied by hand.
                                "source String",
                                "priority String",
                                "category String",
                                "team String",
                                "triage_confidence Float64",
                                "tier String",
                                "escalations UInt16",
                                "reopen_count UInt16",
                                "signature String",
                                "recurrence_of String",
                                "rarity String",
                                "suspect_deploys Array(String)",
                                "suspect_scores Array(Float64)",
                                ""));
        assertThat(columns("incident_alerts"))
                .isEqualTo(
                        String.join(
                                "\n",
                                "incident_id String",
                                "fingerprint String",
                                "linked_ms UInt64",
                                "linked_date Date",
                                "alert_name String",
                                "service String",
                                "environment String",
                                "reason String",
                                "score_keys Array(String)",
                                "score_values Array(Float64)",
                                // Added by V013 (attach score components), copied by hand.
                                "attach_score Nullable(Float64)",
                                "attach_threshold Nullable(Float64)",
                                "time_score Nullable(Float64)",
                                "service_score Nullable(Float64)",
                                "topology_score Nullable(Float64)",
                                "label_score Nullable(Float64)",
                                "text_score Nullable(Float64)",
                                "gap_seconds Nullable(Float64)",
                                "topology_hops Int16",
                                ""));
        assertThat(columns("alerts"))
                .startsWith(
                        "event_ms UInt64\n"
                                + "event_date Date\n"
                                + "event_time DateTime\n"
                                + "received_ms UInt64\n"
                                + "fingerprint String\n")
                .contains(
                        "status Enum8('firing' = 1, 'resolved' = 2)\n",
                        "ends_ms Nullable(UInt64)\n",
                        "label_values Array(String)\n");
        assertThat(
                        query(
                                        "SELECT engine FROM system.tables WHERE database = currentDatabase() AND name ="
                                                + " 'incidents'")
                                .strip())
                .isEqualTo("ReplacingMergeTree");
        assertThat(columns("schema_migrations"))
                .isEqualTo("version UInt32\nname String\nchecksum String\napplied_ms UInt64\n");
    }

    @Test
    void latestViewShowsOnlyTheHighestVersionOfEachIncident() {
        SchemaMigrator.fromClasspath(connections).migrate();
        query(
                "INSERT INTO incidents (incident_id, version, title, environment, services,"
                        + " primary_service, severity, status, impact_start_ms, detected_ms, resolved_ms,"
                        + " updated_ms, alert_count, firing_count, notification_count) VALUES ('i1', 2, 't',"
                        + " 'prod', ['a'], 'a', 'critical', 'open', 1000, 2000, NULL, 3, 1, 1, 1), ('i1', 1,"
                        + " 't', 'prod', ['a'], 'a', 'critical', 'resolved', 1000, 2000, 5000, 2, 1, 0, 1),"
                        + " ('i2', 1, 't', 'prod', ['a'], 'a', 'critical', 'resolved', 1000, 2000, 9000, 2, 1,"
                        + " 0, 1), ('i2', 1, 't', 'prod', ['a'], 'a', 'critical', 'resolved', 1000, 2000, 9000,"
                        + " 2, 1, 0, 1)");

        assertThat(
                        query(
                                "SELECT incident_id, version, status, resolved_ms FROM incidents_latest ORDER BY"
                                        + " incident_id"))
                .isEqualTo("i1\t2\topen\t\\N\ni2\t1\tresolved\t9000\n");
    }

    @Test
    void currentStateTableCarriesEveryIncidentsColumnInOrder() {
        SchemaMigrator.fromClasspath(connections).migrate();

        // A column added to incidents must be added to incidents_current and its materialized view.
        assertThat(columns("incidents_current")).isEqualTo(columns("incidents"));
    }

    @Test
    void currentStateIsTheHighestVersionAcrossUnmergedPartsAndRowsFromBeforeTheMigration() {
        List<Migration> all = MigrationScripts.fromClasspath();
        migrator(all.stream().filter(m -> m.version() < 6).toList()).migrate();
        // Written before V006: version 1, resolved, team a.
        insertIncident("i1", 1, "resolved", "5000", "a");
        insertIncident("i2", 1, "open", "NULL", "a");
        migrator(all).migrate();
        // Written after, each insert its own part (nothing merged): i1 reopened (resolved_ms
        // cleared,
        // team b), sent twice; i2 resolved.
        insertIncident("i1", 2, "open", "NULL", "b");
        insertIncident("i1", 2, "open", "NULL", "b");
        insertIncident("i2", 2, "resolved", "7000", "a");

        assertThat(query("SELECT count() FROM incidents_current")).isEqualTo("5\n");
        String latest = "i1\t2\topen\t\\N\tb\ni2\t2\tresolved\t7000\ta\n";
        assertThat(
                        query(
                                "SELECT incident_id, version, status, resolved_ms, team FROM incidents_latest ORDER BY incident_id"))
                .isEqualTo(latest);
        assertThat(
                        query(
                                "SELECT incident_id, version, status, resolved_ms, team FROM incidents_current FINAL"
                                        + " WHERE detected_ms >= 2000 ORDER BY incident_id"))
                .isEqualTo(latest);
        // Conditions on columns that changed between versions see only the latest version (no
        // PREWHERE before FINAL): no incident is still on team a with version 1, none of i1
        // resolved.
        assertThat(
                        query(
                                "SELECT count() FROM incidents_current FINAL WHERE team = 'a' AND version = 1"))
                .isEqualTo("0\n");
        assertThat(
                        query(
                                "SELECT count() FROM incidents_current FINAL WHERE isNotNull(resolved_ms) AND incident_id = 'i1'"))
                .isEqualTo("0\n");
    }

    private void insertIncident(
            String id, int version, String status, String resolvedMs, String team) {
        query(
                "INSERT INTO incidents (incident_id, version, title, environment, services, primary_service, severity,"
                        + " status, impact_start_ms, detected_ms, resolved_ms, updated_ms, alert_count, firing_count,"
                        + " notification_count, team) VALUES ('"
                        + id
                        + "', "
                        + version
                        + ", 't', 'prod', ['a'], 'a', 'critical', '"
                        + status
                        + "', 1000, 2000, "
                        + resolvedMs
                        + ", "
                        + version
                        + ", 1, 0, 1, '"
                        + team
                        + "')");
    }

    @Test
    void appliesOnlyMigrationsAddedSinceTheLastRun() {
        Migration v1 =
                Migration.of(
                        "V001__one.sql",
                        "CREATE TABLE IF NOT EXISTS one (x UInt8) ENGINE = Memory\n");
        Migration v2 =
                Migration.of(
                        "V002__two.sql",
                        "-- two tables\nCREATE TABLE IF NOT EXISTS two (x UInt8) ENGINE = Memory\n;\n"
                                + "CREATE TABLE IF NOT EXISTS three (x UInt8) ENGINE = Memory\n");

        assertThat(migrator(List.of(v1)).migrate()).containsExactly(v1);
        assertThat(migrator(List.of(v2, v1)).migrate()).containsExactly(v2);
        assertThat(migrator(List.of(v1, v2)).migrate()).isEmpty();
        assertThat(
                        query(
                                "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name"))
                .isEqualTo("one\nschema_migrations\nthree\ntwo\n");
        assertThat(query("SELECT version, applied_ms FROM schema_migrations ORDER BY version"))
                .isEqualTo(
                        "1\t"
                                + APPLIED_AT.toEpochMilli()
                                + "\n2\t"
                                + APPLIED_AT.toEpochMilli()
                                + "\n");
    }

    @Test
    void refusesToStartWhenAnAppliedMigrationWasEdited() {
        Migration original =
                Migration.of(
                        "V001__one.sql",
                        "CREATE TABLE IF NOT EXISTS one (x UInt8) ENGINE = Memory\n");
        migrator(List.of(original)).migrate();
        Migration edited =
                Migration.of(
                        "V001__one.sql",
                        "CREATE TABLE IF NOT EXISTS one (x UInt16) ENGINE = Memory\n");
        Migration next =
                Migration.of(
                        "V002__two.sql",
                        "CREATE TABLE IF NOT EXISTS two (x UInt8) ENGINE = Memory\n");

        assertThatThrownBy(() -> migrator(List.of(edited, next)).migrate())
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("V001__one.sql")
                .hasMessageContaining(original.checksum())
                .hasMessageContaining("modified");
        // Nothing was applied on top of the edited history.
        assertThat(
                        query(
                                        "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name"
                                                + " = 'two'")
                                .strip())
                .isEqualTo("0");
    }

    @Test
    void failedMigrationIsNotRecordedAndRunsAgainOnceFixed() {
        Migration broken =
                Migration.of("V001__one.sql", "CREATE TABLE one (x NoSuchType) ENGINE = Memory\n");

        assertThatThrownBy(() -> migrator(List.of(broken)).migrate())
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("V001__one.sql")
                .hasMessageContaining("statement 1 of 1");
        assertThat(query("SELECT count() FROM schema_migrations").strip()).isEqualTo("0");

        Migration fixed =
                Migration.of("V001__one.sql", "CREATE TABLE one (x UInt8) ENGINE = Memory\n");
        assertThat(migrator(List.of(fixed)).migrate()).containsExactly(fixed);
    }
}
