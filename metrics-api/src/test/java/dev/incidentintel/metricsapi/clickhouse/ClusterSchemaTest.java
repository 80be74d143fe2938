package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClusterSchemaTest {
    private static final ClusterSchema.Target TARGET =
            new ClusterSchema.Target("incident_intel_cluster", "incident_intel");
    private static final Pattern SINGLE_NODE_TABLE =
            Pattern.compile(
                    "(?s)CREATE TABLE IF NOT EXISTS (\\w+).*ENGINE\\s*=\\s*(\\w*MergeTree)\\(.*ORDER BY\\s+(\\([^)]*\\)|\\w+)");

    private static List<String> cluster() {
        return ClusterSchema.statements(MigrationScripts.fromClasspath(), TARGET);
    }

    /** The MergeTree tables of the single-node migrations, read from the migrations themselves. */
    private static List<String[]> singleNodeTables() {
        List<String[]> tables = new ArrayList<>();
        for (Migration m : MigrationScripts.fromClasspath()) {
            for (String sql : m.statements()) {
                Matcher t = SINGLE_NODE_TABLE.matcher(sql);
                if (t.find()) {
                    tables.add(new String[] {t.group(1), t.group(2), t.group(3)});
                }
            }
        }
        return tables;
    }

    @Test
    void
            everyMergeTreeTableBecomesAReplicatedLocalTableAndADistributedOneShardedBySortingKeyColumns() {
        List<String> ddl = cluster();
        assertThat(singleNodeTables()).hasSizeGreaterThanOrEqualTo(8);
        for (String[] table : singleNodeTables()) {
            String name = table[0];
            String local =
                    find(
                            ddl,
                            "CREATE TABLE IF NOT EXISTS incident_intel."
                                    + name
                                    + "_local ON CLUSTER incident_intel_cluster");
            assertThat(local)
                    .contains(
                            "ENGINE = Replicated"
                                    + table[1]
                                    + "('/clickhouse/tables/{shard}/incident_intel/"
                                    + name
                                    + "_local', '{replica}'")
                    .contains("ORDER BY " + table[2]);
            String distributed =
                    find(ddl, "CREATE TABLE IF NOT EXISTS incident_intel." + name + " ON CLUSTER");
            Matcher key =
                    Pattern.compile(
                                    "Distributed\\(incident_intel_cluster, incident_intel, "
                                            + name
                                            + "_local, cityHash64\\(([^)]*)\\)\\)")
                            .matcher(distributed);
            assertThat(key.find()).as(distributed).isTrue();
            for (String column : key.group(1).split(",\\s*")) {
                assertThat(table[2])
                        .as("sharding column of %s is in its sorting key", name)
                        .contains(column);
            }
        }
    }

    @Test
    void everyStatementButInsertsRunsOnTheClusterAndNoPlainMergeTreeIsLeft() {
        for (String sql : cluster()) {
            if (!sql.startsWith("INSERT")) {
                assertThat(sql.lines().findFirst().orElseThrow())
                        .contains(" ON CLUSTER incident_intel_cluster");
            }
            assertThat(sql)
                    .doesNotContainPattern("ENGINE = (Replacing|Aggregating|Summing)?MergeTree");
        }
    }

    @Test
    void altersReachBothTablesAndTheMaterializedViewRunsOnTheLocalTables() {
        List<String> ddl = cluster();
        assertThat(ddl)
                .anyMatch(
                        s ->
                                s.startsWith(
                                        "ALTER TABLE incident_intel.incident_alerts_local ON CLUSTER"))
                .anyMatch(
                        s -> s.startsWith("ALTER TABLE incident_intel.incident_alerts ON CLUSTER"));
        String mv =
                find(
                        ddl,
                        "CREATE MATERIALIZED VIEW IF NOT EXISTS incident_intel.incidents_current_mv");
        assertThat(mv)
                .contains(" TO incident_intel.incidents_current_local AS")
                .contains("FROM incident_intel.incidents_local");
        // Tables the API and job write and read keep their single-node names (now Distributed).
        assertThat(find(ddl, "CREATE VIEW IF NOT EXISTS incident_intel.incidents_latest"))
                .contains("FROM incident_intel.incidents_current");
    }

    @Test
    void incidentsAndTheirLinksShardAlike() {
        // An incident's versions, its current row and its alert links must meet on one shard.
        for (String t :
                List.of("incidents", "incidents_current", "incident_alerts", "lifecycle_events")) {
            assertThat(
                            find(
                                    cluster(),
                                    "CREATE TABLE IF NOT EXISTS incident_intel."
                                            + t
                                            + " ON CLUSTER"))
                    .endsWith("cityHash64(incident_id))");
        }
    }

    @Test
    void rejectsIdentifiersThatWouldNeedQuoting() {
        assertThatThrownBy(() -> new ClusterSchema.Target("my-cluster", "db"))
                .hasMessageContaining("cluster");
        assertThatThrownBy(() -> ClusterSchema.shardingKey("(event_ms, status)"))
                .hasMessageContaining("sharding");
        assertThat(ClusterSchema.shardingKey("idempotency_key"))
                .isEqualTo("cityHash64(idempotency_key)");
    }

    private static String find(List<String> ddl, String prefix) {
        return ddl.stream()
                .filter(s -> s.startsWith(prefix))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no statement starting with " + prefix));
    }
}
