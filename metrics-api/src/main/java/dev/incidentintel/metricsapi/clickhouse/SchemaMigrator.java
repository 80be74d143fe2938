package dev.incidentintel.metricsapi.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ClickHouse database up to the schema this code expects. It creates the database if
 * missing (through the {@code default} database), then applies each pending migration's statements
 * in version order and records the version, name, checksum and time in {@code schema_migrations}. A
 * second run applies nothing.
 *
 * <p>Before applying anything it compares the checksum of every already applied migration with the
 * file on the classpath and refuses ({@link SchemaMigrationException}) when one changed: fix a
 * released migration with a new one, never by editing it.
 *
 * <p>ClickHouse has no DDL transactions, so a migration that fails half way leaves its earlier
 * statements applied and its version unrecorded; the next run re-executes it from the start.
 * Migrations therefore use {@code IF NOT EXISTS} forms. Run the migrator from one process at a
 * time.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** Bookkeeping table; its layout is part of the schema contract and never changes. */
    static final String HISTORY_TABLE = "schema_migrations";

    private static final String CREATE_HISTORY =
            "CREATE TABLE IF NOT EXISTS "
                    + HISTORY_TABLE
                    + " (version UInt32, name String, checksum String, applied_ms UInt64)"
                    + " ENGINE = MergeTree() ORDER BY version";

    private final ClickHouseConnections target;
    private final List<Migration> migrations;
    private final Clock clock;

    /**
     * @param target connections to the database to migrate (its URL must name the database)
     * @param migrations the migrations that make up the schema, any order
     * @param clock source of {@code applied_ms}
     */
    public SchemaMigrator(ClickHouseConnections target, List<Migration> migrations, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.migrations =
                MigrationScripts.ordered(Objects.requireNonNull(migrations, "migrations"));
        this.clock = Objects.requireNonNull(clock, "clock");
        if (target.url().database().isEmpty()) {
            throw new IllegalArgumentException(
                    "the ClickHouse URL must name a database: " + target.url());
        }
    }

    /** A migrator for the migrations packaged under {@code db/migration}. */
    public static SchemaMigrator fromClasspath(ClickHouseConnections target) {
        return new SchemaMigrator(target, MigrationScripts.fromClasspath(), Clock.systemUTC());
    }

    /**
     * Creates the database if needed and applies every pending migration.
     *
     * @return the migrations applied by this call, in order (empty when the schema was current)
     * @throws SchemaMigrationException when an applied migration changed or a statement failed
     */
    public List<Migration> migrate() {
        String database = ClickHouseUrl.requireIdentifier(target.url().database(), "database");
        try {
            createDatabase(database);
            try (Connection connection = target.open()) {
                execute(connection, CREATE_HISTORY);
                Map<Integer, AppliedMigration> applied = readApplied(connection);
                List<Migration> pending = pendingAfterVerifying(applied);
                for (Migration migration : pending) {
                    apply(connection, migration);
                }
                if (!pending.isEmpty()) {
                    LOG.info("database {}: applied {} migration(s)", database, pending.size());
                }
                return pending;
            }
        } catch (SQLException e) {
            throw new SchemaMigrationException(
                    "cannot migrate ClickHouse database " + database + ": " + e.getMessage(), e);
        }
    }

    private void createDatabase(String database) throws SQLException {
        // CREATE DATABASE needs a connection to a database that exists; `default` always does.
        try (Connection connection = target.forDatabase("default").open()) {
            execute(connection, "CREATE DATABASE IF NOT EXISTS " + database);
        }
    }

    private Map<Integer, AppliedMigration> readApplied(Connection connection) throws SQLException {
        Map<Integer, AppliedMigration> applied = new HashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT version, name, checksum FROM "
                                        + HISTORY_TABLE
                                        + " ORDER BY version")) {
            while (rs.next()) {
                AppliedMigration row =
                        new AppliedMigration(
                                rs.getInt("version"),
                                rs.getString("name"),
                                rs.getString("checksum"));
                applied.putIfAbsent(row.version(), row);
            }
        }
        return applied;
    }

    /**
     * Verifies every recorded checksum first, so nothing is applied on top of an edited history.
     */
    private List<Migration> pendingAfterVerifying(Map<Integer, AppliedMigration> applied) {
        List<String> changed = new ArrayList<>();
        List<Migration> pending = new ArrayList<>();
        Map<Integer, Migration> known = new HashMap<>();
        for (Migration migration : migrations) {
            known.put(migration.version(), migration);
            AppliedMigration row = applied.get(migration.version());
            if (row == null) {
                pending.add(migration);
            } else if (!row.checksum().equals(migration.checksum())) {
                changed.add(
                        migration.fileName()
                                + " (recorded checksum "
                                + row.checksum()
                                + ", file now "
                                + migration.checksum()
                                + ")");
            }
        }
        if (!changed.isEmpty()) {
            throw new SchemaMigrationException(
                    "refusing to start: applied migration(s) were modified after being applied: "
                            + String.join("; ", changed)
                            + ". Restore the original file(s) and add a new migration for the change.");
        }
        applied.keySet().stream()
                .filter(v -> !known.containsKey(v))
                .sorted()
                .forEach(
                        v ->
                                LOG.warn(
                                        "schema version {} ({}) is applied but unknown to this build; the database"
                                                + " is newer than the code",
                                        v,
                                        applied.get(v).name()));
        return pending;
    }

    private void apply(Connection connection, Migration migration) throws SQLException {
        List<String> statements = migration.statements();
        for (int i = 0; i < statements.size(); i++) {
            try {
                execute(connection, statements.get(i));
            } catch (SQLException e) {
                throw new SchemaMigrationException(
                        "migration "
                                + migration.fileName()
                                + " failed at statement "
                                + (i + 1)
                                + " of "
                                + statements.size()
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
        try (PreparedStatement insert =
                connection.prepareStatement(
                        "INSERT INTO "
                                + HISTORY_TABLE
                                + " (version, name, checksum, applied_ms) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.name());
            insert.setString(3, migration.checksum());
            insert.setLong(4, clock.millis());
            insert.executeUpdate();
        }
        LOG.info("applied migration {}", migration.fileName());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private record AppliedMigration(int version, String name, String checksum) {}
}
