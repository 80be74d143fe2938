package dev.incidentintel.app.cli;

import dev.incidentintel.events.Topics;
import dev.incidentintel.localstack.cluster.ClusterLayout;
import dev.incidentintel.localstack.cluster.LocalCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Starts, stops or shows a local Flink standalone session cluster (one JobManager, two
 * TaskManagers) and a three-node KRaft Kafka cluster, each process a separate JVM on 127.0.0.1
 * running from this command's own classpath. The processes keep running after the command exits.
 */
@Command(
        name = "local-cluster",
        mixinStandardHelpOptions = true,
        description = {
            "Start (up), stop (down) or show (status) a local Flink session cluster (1 JobManager,",
            "2 TaskManagers) and a 3-node KRaft Kafka cluster, each a separate JVM on 127.0.0.1.",
            "State, configs, pid files and logs: <home>/cluster (or --state-dir)."
        })
public final class LocalClusterCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "up|down|status", description = "What to do.")
    String action;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "Configs, data, pid files and logs of the cluster. Default: cluster/ in the incident-intel home.")
    Path stateDir;

    @Option(
            names = "--flink-rest-port",
            description =
                    "Flink REST port on the first up (0: a free port). Default: ${DEFAULT-VALUE}.")
    int flinkRestPort = 8081;

    @Option(
            names = "--partitions",
            description = "Partitions per project topic. Default: ${DEFAULT-VALUE}.")
    int partitions = 4;

    @Override
    public Integer call() {
        Path dir = stateDir != null ? stateDir : Home.path().resolve("cluster");
        LocalCluster cluster = LocalCluster.in(dir, flinkRestPort);
        ClusterLayout layout = cluster.layout();
        switch (action) {
            case "up" -> {
                long t0 = System.nanoTime();
                cluster.up(System.getProperty("java.class.path"), Topics.ALL, partitions);
                System.out.printf(
                        "local cluster up in %.1f s (state %s)%n",
                        (System.nanoTime() - t0) / 1e9, layout.stateDir());
                printStatus(cluster);
                System.out.printf(
                        "%nKAFKA_BOOTSTRAP_SERVERS=%s%nFlink REST: %s%n"
                                + "Submit the job: incident-intel job --flink-rest %s --kafka-bootstrap-servers %s --parallelism 2%n",
                        layout.kafkaBootstrapServers(),
                        layout.flinkRestUrl(),
                        layout.flinkRestUrl(),
                        layout.kafkaBootstrapServers());
                return 0;
            }
            case "down" -> {
                List<String> stopped = cluster.down();
                System.out.println(
                        stopped.isEmpty()
                                ? "nothing was running"
                                : "stopped " + String.join(", ", stopped));
                return 0;
            }
            case "status" -> {
                printStatus(cluster);
                int tms = cluster.registeredTaskManagers();
                System.out.println(
                        tms < 0 ? "Flink REST does not answer" : "TaskManagers registered: " + tms);
                return 0;
            }
            default ->
                    throw new IllegalArgumentException(
                            "expected up, down or status but got '" + action + "'");
        }
    }

    private static void printStatus(LocalCluster cluster) {
        System.out.printf("%-14s %-8s %s%n", "PROCESS", "PID", "ENDPOINT");
        cluster.status().forEach(System.out::println);
    }
}
