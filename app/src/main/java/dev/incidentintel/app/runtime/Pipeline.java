package dev.incidentintel.app.runtime;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.flink.CorrelationJob;
import dev.incidentintel.correlation.flink.CorrelationJobConfig;
import dev.incidentintel.correlation.flink.LocalFlink;
import dev.incidentintel.events.Topics;
import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.http.IngestServer;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.ApiServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole pipeline in one process: ClickHouse and Kafka (embedded unless external endpoints are
 * given), the metrics API (which migrates the schema), the correlation job in a Flink MiniCluster,
 * and ingest. Started in data-path order, closed in reverse, so nothing is left running. Used by
 * {@code incident-intel demo} and by the end-to-end integration test.
 */
public final class Pipeline implements AutoCloseable {

    /**
     * What to start.
     *
     * @param home data folder for embedded Kafka and ClickHouse
     * @param kafkaBootstrapServers external Kafka, or empty for an embedded broker
     * @param clickhouseUrl external ClickHouse JDBC URL (with database), or empty for a local
     *     server
     * @param database database for the local ClickHouse
     * @param bindHost interface of the HTTP servers
     * @param ingestPort ingest port (0: any free port)
     * @param apiPort API port (0: any free port)
     * @param grouping alert grouping settings
     * @param checkpointInterval Flink checkpoint interval
     * @param restartOnFailure let Flink restart the job after a failure (demo) or fail fast (tests)
     */
    public record Options(
            Path home,
            String kafkaBootstrapServers,
            String clickhouseUrl,
            String database,
            String bindHost,
            int ingestPort,
            int apiPort,
            GroupingOptions grouping,
            Duration checkpointInterval,
            boolean restartOnFailure) {}

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final PrintStream log;
    private String kafkaBootstrapServers;
    private String clickhouseUrl;
    private LocalClickHouse localClickHouse;
    private int ingestPort;
    private int apiPort;

    private Pipeline(PrintStream log) {
        this.log = log;
    }

    /** Starts everything; on a failure, stops what had started and rethrows. */
    public static Pipeline start(Options options, PrintStream log) throws Exception {
        Pipeline pipeline = new Pipeline(log);
        try {
            pipeline.startAll(options);
            return pipeline;
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Options o) throws Exception {
        long t0 = System.nanoTime();
        if (o.clickhouseUrl().isBlank()) {
            localClickHouse = LocalClickHouse.start(o.home().resolve("clickhouse"));
            started.push(localClickHouse);
            localClickHouse.createDatabase(o.database());
            clickhouseUrl = localClickHouse.jdbcUrl(o.database());
            log.printf(
                    "  ClickHouse  %s (local clickhouse-server, pid %d, data %s)%n",
                    clickhouseUrl, localClickHouse.pid(), localClickHouse.dataDir());
        } else {
            clickhouseUrl = o.clickhouseUrl();
            log.printf("  ClickHouse  %s (external)%n", clickhouseUrl);
        }

        if (o.kafkaBootstrapServers().isBlank()) {
            LocalKafka kafka = LocalKafka.start(o.home().resolve("kafka"));
            started.push(kafka);
            kafkaBootstrapServers = kafka.bootstrapServers();
            kafka.createTopics(Topics.ALL, 2);
            log.printf(
                    "  Kafka       %s (embedded KRaft broker, data %s)%n",
                    kafkaBootstrapServers, kafka.dataDir());
        } else {
            kafkaBootstrapServers = o.kafkaBootstrapServers();
            log.printf(
                    "  Kafka       %s (external; topics must exist: %s)%n",
                    kafkaBootstrapServers, String.join(", ", Topics.ALL));
        }

        ApiServer api =
                ApiServer.start(ApiConfig.forClickHouse(o.bindHost(), o.apiPort(), clickhouseUrl));
        started.push(api);
        apiPort = api.port();

        CorrelationJobConfig jobConfig =
                CorrelationJobConfig.defaults(kafkaBootstrapServers, clickhouseUrl)
                        .withGrouping(o.grouping())
                        .withCheckpointInterval(o.checkpointInterval());
        if (o.kafkaBootstrapServers().isBlank()) {
            // The embedded broker is new, so no offsets are lost. The group also names the feed's
            // Kafka
            // transactional ids, which Flink registers JVM-wide: a second pipeline in the same JVM
            // (tests,
            // a demo after an evaluation) must not collide with a job of the first that is still
            // closing.
            jobConfig = jobConfig.withConsumerGroup(jobConfig.consumerGroup() + "-" + runId());
        }
        StreamExecutionEnvironment env =
                LocalFlink.environment(2, o.home().resolve("checkpoints"), o.restartOnFailure());
        JobClient job = CorrelationJob.fromConfig(jobConfig).start(env);
        started.push(() -> cancelAndAwait(job));
        log.printf(
                "  Flink       correlation job %s in a local MiniCluster (parallelism 2)%n",
                job.getJobID());

        IngestServer.Running ingest =
                IngestServer.start(
                        IngestConfig.defaults(kafkaBootstrapServers)
                                .withListen(o.bindHost(), o.ingestPort()));
        started.push(ingest);
        ingestPort = ingest.port();
        log.printf("  started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** A short id unique to this pipeline run. */
    private static String runId() {
        return Long.toString(ProcessHandle.current().pid(), 36)
                + "-"
                + Long.toString(System.nanoTime() & 0xffffffL, 36);
    }

    /**
     * Cancels the job and waits until it has ended, so its Kafka transactions are aborted and its
     * sinks closed before anything started after it (the broker, another job) goes on.
     */
    private static void cancelAndAwait(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            // Completes (with a cancellation exception) once every task has ended and the local
            // cluster
            // for the job has shut down.
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // cancelled: the normal outcome
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "correlation job "
                            + job.getJobID()
                            + " did not stop within 30 s of its cancellation",
                    e);
        }
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String clickhouseUrl() {
        return clickhouseUrl;
    }

    /** The local ClickHouse server, or {@code null} when an external one is used. */
    public LocalClickHouse localClickHouse() {
        return localClickHouse;
    }

    /** Stops everything that was started, newest first; never throws. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.println("  warning: while stopping: " + e);
            }
        }
    }
}
