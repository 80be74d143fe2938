package dev.incidentintel.app.cli;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.flink.CorrelationJob;
import dev.incidentintel.correlation.flink.CorrelationJobConfig;
import dev.incidentintel.correlation.flink.LocalFlink;
import dev.incidentintel.correlation.flink.RemoteCluster;
import dev.incidentintel.correlation.scope.ScopeOptions;
import dev.incidentintel.metricsapi.ApiConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the correlation job in a local Flink MiniCluster against configured Kafka and ClickHouse,
 * or, with {@code --flink-rest}, submits the same job with its job jar to a Flink cluster over the
 * REST API (optionally restoring a savepoint) and returns. {@code job stop} stops a cluster job
 * with a savepoint, {@code job list} lists the cluster's jobs.
 */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Run the correlation job in a local Flink MiniCluster until Ctrl-C, or submit it to a Flink",
            "cluster with --flink-rest URL (then it returns after printing the job id)."
        },
        subcommands = {JobCommand.Stop.class, JobCommand.ListJobs.class})
public final class JobCommand implements Callable<Integer> {
    @Mixin EndpointOptions endpoints = new EndpointOptions();

    @Option(
            names = "--parallelism",
            description = "Operator parallelism (env PARALLELISM). Default: ${DEFAULT-VALUE}.")
    int parallelism = 2;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            description =
                    "Checkpoint interval, ISO-8601 (env CHECKPOINT_INTERVAL). Default: ${DEFAULT-VALUE}.")
    String checkpointInterval = "PT10S";

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description =
                    "Where checkpoints are kept (env CHECKPOINT_DIR). Default: checkpoints/ in the incident-intel home.")
    Path checkpointDir;

    @Option(
            names = "--topology-file",
            paramLabel = "FILE",
            description =
                    "Service topology YAML (services, team, dependsOn; see correlation-job/topology.sample.yaml), "
                            + "env TOPOLOGY_FILE. Empty: none; documents on topology.v1 still apply.")
    String topologyFile = "";

    @Option(
            names = "--flink-rest",
            paramLabel = "URL",
            description =
                    "Submit to the Flink cluster with this REST endpoint (e.g. http://127.0.0.1:8081) instead of "
                            + "running a local MiniCluster.")
    String flinkRest;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "With --flink-rest: restore from this savepoint or retained checkpoint (operator state is matched by uid).")
    String fromSavepoint;

    @Option(
            names = "--allow-non-restored-state",
            description =
                    "With --from-savepoint: skip savepoint state of operators the job no longer has.")
    boolean allowNonRestoredState;

    @Option(
            names = "--job-jar",
            paramLabel = "FILE",
            description =
                    "With --flink-rest: the job jar to upload (env JOB_JAR). Default: correlation-job's *-job.jar next to "
                            + "the correlation-job jar on this command's classpath.")
    Path jobJar;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (endpoints.kafkaBootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "no Kafka configured: set --kafka-bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
        }
        String url =
                endpoints.clickhouseUrl.isBlank()
                        ? ApiConfig.DEFAULT_CLICKHOUSE_URL
                        : endpoints.clickhouseUrl;
        // Grouping settings (attach.*, gate.*, reopen.window, ...) come from the config file; the
        // group
        // gap from its flag, environment variable or key.
        ConfigDefaults defaults = (ConfigDefaults) spec.commandLine().getDefaultValueProvider();
        java.util.Properties p =
                defaults == null ? new java.util.Properties() : defaults.fileProperties();
        p.setProperty("group.gap", Duration.parse(endpoints.groupGap).toString());
        GroupingOptions grouping = GroupingOptions.of(p);
        CorrelationJobConfig config =
                CorrelationJobConfig.defaults(endpoints.kafkaBootstrapServers, url)
                        .withGrouping(grouping)
                        .withScope(ScopeOptions.of(p).withTopologyFile(topologyFile))
                        .withCheckpointInterval(Duration.parse(checkpointInterval));
        if (flinkRest != null && !flinkRest.isBlank()) {
            Path jar = jobJar != null ? jobJar : defaultJobJar();
            java.util.Map<String, String> flinkOptions =
                    checkpointDir == null
                            ? java.util.Map.of()
                            : java.util.Map.of(
                                    "execution.checkpointing.dir",
                                    checkpointDir.toAbsolutePath().toUri().toString());
            String jobId =
                    RemoteCluster.of(flinkRest)
                            .submit(
                                    CorrelationJob.fromConfig(config),
                                    jar,
                                    parallelism,
                                    fromSavepoint,
                                    allowNonRestoredState,
                                    flinkOptions);
            System.out.printf(
                    "submitted correlation job %s to %s (parallelism %d%s, jar %s)%n",
                    jobId,
                    flinkRest,
                    parallelism,
                    fromSavepoint == null ? "" : ", restored from " + fromSavepoint,
                    jar);
            System.out.printf(
                    "stop it with a savepoint: incident-intel job stop --flink-rest %s --job-id %s%n",
                    flinkRest, jobId);
            return 0;
        }
        Path checkpoints =
                checkpointDir != null ? checkpointDir : Home.path().resolve("checkpoints");
        StreamExecutionEnvironment env = LocalFlink.environment(parallelism, checkpoints, true);
        System.out.printf(
                "correlation job: Kafka %s -> ClickHouse %s, parallelism %d, checkpoints in %s; Ctrl-C to stop%n",
                endpoints.kafkaBootstrapServers, url, parallelism, checkpoints);
        CorrelationJob.fromConfig(config).execute(env);
        return 0;
    }

    /**
     * The shaded job jar beside the correlation-job jar of this command's classpath ({@code
     * correlation-job-<version>-job.jar}, built by {@code mvnw package}).
     */
    static Path defaultJobJar() {
        String env = System.getenv("JOB_JAR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (String entry :
                System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.startsWith("correlation-job-")
                    && name.endsWith(".jar")
                    && !name.endsWith("-job.jar")) {
                return p.resolveSibling(name.replace(".jar", "-job.jar"));
            }
        }
        throw new IllegalArgumentException(
                "no correlation-job jar on the classpath: pass --job-jar FILE");
    }

    /** {@code job stop}: stop-with-savepoint over the REST API. */
    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description =
                    "Stop a job on a Flink cluster with a savepoint and print the savepoint's path.")
    static final class Stop implements Callable<Integer> {
        @Option(
                names = "--flink-rest",
                required = true,
                paramLabel = "URL",
                description = "The cluster's REST endpoint.")
        String flinkRest;

        @Option(
                names = "--job-id",
                paramLabel = "ID",
                description =
                        "The job to stop. Default: the only running job named '"
                                + CorrelationJob.JOB_NAME
                                + "'.")
        String jobId;

        @Option(
                names = "--savepoint-dir",
                paramLabel = "DIR",
                description =
                        "Where the savepoint goes. Default: the cluster's execution.checkpointing.savepoint-dir.")
        String savepointDir;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                description = "ISO-8601. Default: ${DEFAULT-VALUE}.")
        String timeout = "PT5M";

        @Override
        public Integer call() throws Exception {
            RemoteCluster cluster = RemoteCluster.of(flinkRest);
            String id = jobId;
            if (id == null) {
                java.util.List<RemoteCluster.JobInfo> running =
                        cluster.jobs().stream()
                                .filter(
                                        j ->
                                                j.state().equals("RUNNING")
                                                        && j.name().equals(CorrelationJob.JOB_NAME))
                                .toList();
                if (running.size() != 1) {
                    throw new IllegalArgumentException(
                            running.size()
                                    + " running correlation jobs on "
                                    + flinkRest
                                    + ": pass --job-id");
                }
                id = running.get(0).id();
            }
            String dir =
                    savepointDir == null
                            ? null
                            : Path.of(savepointDir).toAbsolutePath().toUri().toString();
            String location = cluster.stopWithSavepoint(id, dir, Duration.parse(timeout));
            System.out.printf(
                    "stopped %s with savepoint %s%nrestore: incident-intel job --flink-rest %s --from-savepoint %s%n",
                    id, location, flinkRest, location);
            return 0;
        }
    }

    /** {@code job list}: the cluster's jobs. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the jobs of a Flink cluster.")
    static final class ListJobs implements Callable<Integer> {
        @Option(
                names = "--flink-rest",
                required = true,
                paramLabel = "URL",
                description = "The cluster's REST endpoint.")
        String flinkRest;

        @Override
        public Integer call() throws Exception {
            System.out.printf("%-34s %-12s %s%n", "JOB ID", "STATE", "NAME");
            for (RemoteCluster.JobInfo j : RemoteCluster.of(flinkRest).jobs()) {
                System.out.printf("%-34s %-12s %s%n", j.id(), j.state(), j.name());
            }
            return 0;
        }
    }
}
