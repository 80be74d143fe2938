package dev.incidentintel.metricsapi.clickhouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster variant of the schema, generated from the same migrations as the single-node schema
 * (which stays the default): every {@code *MergeTree} table {@code t} becomes a replicated table
 * {@code t_local} on every node plus a {@code Distributed} table {@code t} over the cluster, so
 * writers (the job's sinks) and readers (the API's SQL, views) keep using the names they use on one
 * node. Every DDL statement runs {@code ON CLUSTER} (distributed DDL, needs ZooKeeper).
 *
 * <p>Rules, in the SQL subset of ClickHouse 18.16 (STACK.md):
 *
 * <ul>
 *   <li>{@code ENGINE = XMergeTree(args)} becomes {@code
 *       ReplicatedXMergeTree('/clickhouse/tables/{shard}/<db>/t_local', '{replica}', args)}; the
 *       {@code shard} and {@code replica} macros come from each server's config.
 *   <li>The sharding key is {@code cityHash64(incident_id)} when the sorting key has {@code
 *       incident_id}, else {@code cityHash64(environment, service)}, else {@code
 *       cityHash64(fingerprint)} (alerts by time), and {@code cityHash64(idempotency_key)} for the
 *       notifications table: a subset of the sorting key, so the rows ReplacingMergeTree collapses
 *       (same sorting key) are always on one shard and {@code FINAL} is right per shard.
 *   <li>{@code ALTER TABLE t} is applied to {@code t_local} and to {@code t} (a Distributed table
 *       has its own column list).
 *   <li>A materialized view reads the local table it is triggered by and writes {@code TO} the
 *       local target: inserts arrive on shards through the Distributed table, so the view runs
 *       where the rows land.
 *   <li>Plain views, {@code DROP} and {@code INSERT ... SELECT} keep the Distributed names.
 * </ul>
 */
public final class ClusterSchema {
    private static final Pattern CREATE_TABLE =
            Pattern.compile(
                    "(?s)CREATE TABLE IF NOT EXISTS (\\w+)\\s*(\\(.*\\))\\s*ENGINE\\s*=\\s*(\\w*MergeTree)\\(([^)]*)\\)(.*)");
    private static final Pattern ORDER_BY = Pattern.compile("(?s)ORDER BY\\s+(\\([^)]*\\)|\\w+)");
    private static final Pattern ALTER = Pattern.compile("(?s)ALTER TABLE (\\w+)(\\s.*)");
    private static final Pattern MATERIALIZED_VIEW =
            Pattern.compile(
                    "(?s)CREATE MATERIALIZED VIEW IF NOT EXISTS (\\w+) TO (\\w+) AS(.*\\bFROM )(\\w+)(.*)");
    private static final Pattern VIEW =
            Pattern.compile("(?s)CREATE VIEW IF NOT EXISTS (\\w+) AS(.*)");
    private static final Pattern DROP = Pattern.compile("(?s)DROP TABLE IF EXISTS (\\w+)(.*)");

    /**
     * Where the cluster schema goes.
     *
     * @param cluster cluster name of the servers' {@code remote_servers} section
     * @param database database name, the same on every node (also part of the ZooKeeper paths)
     */
    public record Target(String cluster, String database) {
        public Target {
            if (cluster == null || !cluster.matches("\\w+")) {
                throw new IllegalArgumentException(
                        "cluster must be a plain identifier but was '" + cluster + "'");
            }
            if (database == null || !database.matches("\\w+")) {
                throw new IllegalArgumentException(
                        "database must be a plain identifier but was '" + database + "'");
            }
        }
    }

    private ClusterSchema() {}

    /**
     * Statements of all migrations for {@code target}, in order, starting with {@code CREATE
     * DATABASE}.
     */
    public static List<String> statements(List<Migration> migrations, Target target) {
        List<String> out = new ArrayList<>();
        out.add(
                "CREATE DATABASE IF NOT EXISTS "
                        + target.database()
                        + " ON CLUSTER "
                        + target.cluster());
        Map<String, String> tables = new LinkedHashMap<>();
        for (Migration m : migrations) {
            for (String sql : m.statements()) {
                out.addAll(translate(sql, target, tables));
            }
        }
        return out;
    }

    /**
     * All statements as one script, separated by lines holding only {@code ;} like the migrations.
     */
    public static String script(List<Migration> migrations, Target target) {
        return String.join("\n;\n", statements(migrations, target)) + "\n";
    }

    /** The sharding key expression of a table with this sorting key. */
    static String shardingKey(String orderBy) {
        List<String> columns = List.of(orderBy.replaceAll("[()\\s]", "").split(","));
        if (columns.contains("incident_id")) {
            return "cityHash64(incident_id)";
        }
        if (columns.contains("environment") && columns.contains("service")) {
            return "cityHash64(environment, service)";
        }
        if (columns.contains("fingerprint")) {
            return "cityHash64(fingerprint)"; // alerts_by_time: a replayed notification collapses
        }
        if (columns.equals(List.of("written_at", "hour_ms"))) {
            return "cityHash64(hour_ms)"; // alert_writes: rows are only counted
        }
        if (columns.equals(List.of("snapshot"))) {
            return "cityHash64(snapshot)"; // incident_snapshot_log: one row per snapshot
        }
        if (columns.equals(List.of("idempotency_key"))) {
            return "cityHash64(idempotency_key)"; // notifications: a pending row and its outcome
            // row collapse on one shard
        }
        throw new IllegalArgumentException("no sharding rule for a table ordered by " + orderBy);
    }

    private static List<String> translate(String sql, Target t, Map<String, String> tables) {
        String on = " ON CLUSTER " + t.cluster();
        Matcher m = CREATE_TABLE.matcher(sql.strip());
        if (m.matches()) {
            String name = m.group(1);
            String rest = m.group(5);
            Matcher order = ORDER_BY.matcher(rest);
            if (!order.find()) {
                throw new IllegalArgumentException("table " + name + " has no ORDER BY");
            }
            String key = shardingKey(order.group(1));
            tables.put(name, key);
            String path =
                    "'/clickhouse/tables/{shard}/"
                            + t.database()
                            + "/"
                            + name
                            + "_local', '{replica}'";
            String args = m.group(4).isBlank() ? path : path + ", " + m.group(4).strip();
            return List.of(
                    "CREATE TABLE IF NOT EXISTS "
                            + t.database()
                            + "."
                            + name
                            + "_local"
                            + on
                            + "\n"
                            + m.group(2)
                            + "\nENGINE = Replicated"
                            + m.group(3)
                            + "("
                            + args
                            + ")"
                            + rest.stripTrailing(),
                    "CREATE TABLE IF NOT EXISTS "
                            + t.database()
                            + "."
                            + name
                            + on
                            + " AS "
                            + t.database()
                            + "."
                            + name
                            + "_local"
                            + "\nENGINE = Distributed("
                            + t.cluster()
                            + ", "
                            + t.database()
                            + ", "
                            + name
                            + "_local, "
                            + key
                            + ")");
        }
        m = ALTER.matcher(sql.strip());
        if (m.matches() && tables.containsKey(m.group(1))) {
            return List.of(
                    "ALTER TABLE " + t.database() + "." + m.group(1) + "_local" + on + m.group(2),
                    "ALTER TABLE " + t.database() + "." + m.group(1) + on + m.group(2));
        }
        m = MATERIALIZED_VIEW.matcher(sql.strip());
        if (m.matches()) {
            return List.of(
                    "CREATE MATERIALIZED VIEW IF NOT EXISTS "
                            + t.database()
                            + "."
                            + m.group(1)
                            + on
                            + " TO "
                            + t.database()
                            + "."
                            + local(m.group(2), tables)
                            + " AS"
                            + m.group(3)
                            + t.database()
                            + "."
                            + local(m.group(4), tables)
                            + m.group(5));
        }
        m = VIEW.matcher(sql.strip());
        if (m.matches()) {
            return List.of(
                    "CREATE VIEW IF NOT EXISTS "
                            + t.database()
                            + "."
                            + m.group(1)
                            + on
                            + " AS"
                            + m.group(2)
                                    .replaceAll("\\bFROM (\\w+)", "FROM " + t.database() + ".$1"));
        }
        m = DROP.matcher(sql.strip());
        if (m.matches()) {
            return List.of(
                    "DROP TABLE IF EXISTS " + t.database() + "." + m.group(1) + on + m.group(2));
        }
        if (sql.strip().startsWith("INSERT INTO ")) {
            return List.of(
                    sql.strip()
                            .replaceAll(
                                    "\\b(INSERT INTO|FROM) (\\w+)", "$1 " + t.database() + ".$2"));
        }
        throw new IllegalArgumentException(
                "no cluster rule for statement: " + sql.strip().lines().findFirst().orElse(""));
    }

    private static String local(String table, Map<String, String> tables) {
        if (!tables.containsKey(table)) {
            throw new IllegalArgumentException(
                    "materialized view over " + table + ", which is not a MergeTree table");
        }
        return table + "_local";
    }
}
