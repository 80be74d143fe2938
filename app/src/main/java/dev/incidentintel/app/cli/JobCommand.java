package dev.incidentintel.app.cli;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.scope.ScopeOptions;
import dev.incidentintel.correlation.flink.CorrelationJob;
import dev.incidentintel.correlation.flink.CorrelationJobConfig;
import dev.incidentintel.correlation.flink.LocalFlink;
import dev.incidentintel.metricsapi.ApiConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the correlation job in a local Flink MiniCluster against configured Kafka and ClickHouse.
 * The same job class is the entry point of the job jar on a Flink cluster ({@code
 * CorrelationJobMain}).
 */
@Command(name = "job", mixinStandardHelpOptions = true,
    description = "Run the correlation job in a local Flink MiniCluster until Ctrl-C.")
public final class JobCommand implements Callable<Integer> {
  @Mixin EndpointOptions endpoints = new EndpointOptions();

  @Option(names = "--parallelism", description = "Operator parallelism (env PARALLELISM). Default: ${DEFAULT-VALUE}.")
  int parallelism = 2;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
      description = "Checkpoint interval, ISO-8601 (env CHECKPOINT_INTERVAL). Default: ${DEFAULT-VALUE}.")
  String checkpointInterval = "PT10S";

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Where checkpoints are kept (env CHECKPOINT_DIR). Default: checkpoints/ in the incident-intel home.")
  Path checkpointDir;

  @Option(names = "--topology-file", paramLabel = "FILE",
      description = "Service topology YAML (services, team, dependsOn; see correlation-job/topology.sample.yaml), "
          + "env TOPOLOGY_FILE. Empty: none; documents on topology.v1 still apply.")
  String topologyFile = "";

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (endpoints.kafkaBootstrapServers.isBlank()) {
      throw new IllegalArgumentException("no Kafka configured: set --kafka-bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
    }
    String url = endpoints.clickhouseUrl.isBlank() ? ApiConfig.DEFAULT_CLICKHOUSE_URL : endpoints.clickhouseUrl;
    // Grouping settings (attach.*, gate.*, reopen.window, ...) come from the config file; the group
    // gap from its flag, environment variable or key.
    ConfigDefaults defaults = (ConfigDefaults) spec.commandLine().getDefaultValueProvider();
    java.util.Properties p = defaults == null ? new java.util.Properties() : defaults.fileProperties();
    p.setProperty("group.gap", Duration.parse(endpoints.groupGap).toString());
    GroupingOptions grouping = GroupingOptions.of(p);
    CorrelationJobConfig config =
        CorrelationJobConfig.defaults(endpoints.kafkaBootstrapServers, url)
            .withGrouping(grouping)
            .withScope(ScopeOptions.of(p).withTopologyFile(topologyFile))
            .withCheckpointInterval(Duration.parse(checkpointInterval));
    Path checkpoints = checkpointDir != null ? checkpointDir : Home.path().resolve("checkpoints");
    StreamExecutionEnvironment env = LocalFlink.environment(parallelism, checkpoints, true);
    System.out.printf("correlation job: Kafka %s -> ClickHouse %s, parallelism %d, checkpoints in %s; Ctrl-C to stop%n",
        endpoints.kafkaBootstrapServers, url, parallelism, checkpoints);
    CorrelationJob.fromConfig(config).execute(env);
    return 0;
  }
}
