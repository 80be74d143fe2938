package dev.incidentintel.app.cli;

import dev.incidentintel.metricsapi.clickhouse.ClusterSchema;
import dev.incidentintel.metricsapi.clickhouse.MigrationScripts;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the ClickHouse cluster variant of the schema (ReplicatedMergeTree + Distributed) for
 * review or clickhouse-client.
 */
@Command(
        name = "cluster-ddl",
        mixinStandardHelpOptions = true,
        description = {
            "Print the ClickHouse cluster schema (ReplicatedMergeTree *_local tables + Distributed tables,",
            "ON CLUSTER) generated from the same migrations as the single-node schema."
        })
public final class ClusterDdlCommand implements Callable<Integer> {
    @Option(
            names = "--cluster",
            description = "Cluster name in the servers' remote_servers. Default: ${DEFAULT-VALUE}.")
    String cluster = "incident_intel_cluster";

    @Option(names = "--database", description = "Database. Default: ${DEFAULT-VALUE}.")
    String database = "incident_intel";

    @Override
    public Integer call() {
        System.out.print(
                ClusterSchema.script(
                        MigrationScripts.fromClasspath(),
                        new ClusterSchema.Target(cluster, database)));
        return 0;
    }
}
