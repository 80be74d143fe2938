package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.clickhouse.ClickHouseSinkOptions;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.lifecycle.LifecycleOptions;
import dev.incidentintel.correlation.scope.ScopeOptions;
import dev.incidentintel.events.Topics;
import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;

/**
 * Everything the correlation job needs to run: endpoints, topics, time semantics and grouping.
 *
 * @param kafkaBootstrapServers Kafka to read alerts from and write incident updates to
 * @param alertsTopic input topic of {@code AlertEvent}s
 * @param lifecycleTopic input topic of {@code LifecycleEvent}s (acks, escalations, imported
 *     tickets)
 * @param deploysTopic input topic of {@code DeployEvent}s
 * @param logsTopic input topic of {@code LogEvent}s (template mining and rate anomalies)
 * @param incidentsTopic output topic of {@code IncidentUpdate}s (the live feed), written in Kafka
 *     transactions committed on each checkpoint (read it with {@code
 *     isolation.level=read_committed})
 * @param consumerGroup Kafka consumer group (offsets are committed on checkpoints, for monitoring)
 * @param clickhouseUrl JDBC URL of the ClickHouse database holding the tables
 * @param grouping how alerts are grouped into incidents
 * @param lifecycle how long lifecycle state is kept
 * @param checkpointInterval how often Flink checkpoints (also bounds how long the ClickHouse sink
 *     may buffer)
 * @param outOfOrderness how far behind the newest event time an event may arrive before it counts
 *     as late for the watermark
 * @param idleness a partition without data for this long stops holding the watermark back
 * @param parallelism operator parallelism, or 0 for the environment's default
 * @param bounded stop at the offsets that were the end of the topics when the job started (replay
 *     and evaluation); otherwise run forever
 * @param topologyTopic input topic of service topology documents (JSON, {@code ServiceTopology}
 *     layout); the latest document replaces the topology for alerts that start after it. Empty:
 *     none (the topology file only)
 * @param scope the topology file loaded at start and the fallback grouping label
 */
public record CorrelationJobConfig(
        String kafkaBootstrapServers,
        String alertsTopic,
        String lifecycleTopic,
        String deploysTopic,
        String logsTopic,
        String incidentsTopic,
        String consumerGroup,
        String clickhouseUrl,
        GroupingOptions grouping,
        LifecycleOptions lifecycle,
        ClickHouseSinkOptions sink,
        Duration checkpointInterval,
        Duration outOfOrderness,
        Duration idleness,
        int parallelism,
        boolean bounded,
        String topologyTopic,
        ScopeOptions scope)
        implements Serializable {

    public CorrelationJobConfig {
        requireText(kafkaBootstrapServers, "kafkaBootstrapServers");
        requireText(alertsTopic, "alertsTopic");
        requireText(lifecycleTopic, "lifecycleTopic");
        requireText(deploysTopic, "deploysTopic");
        requireText(logsTopic, "logsTopic");
        requireText(incidentsTopic, "incidentsTopic");
        requireText(consumerGroup, "consumerGroup");
        requireText(clickhouseUrl, "clickhouseUrl");
        if (grouping == null || lifecycle == null || sink == null) {
            throw new IllegalArgumentException("grouping, lifecycle and sink options are required");
        }
        requirePositive(checkpointInterval, "checkpointInterval");
        requirePositive(outOfOrderness, "outOfOrderness");
        requirePositive(idleness, "idleness");
        topologyTopic = topologyTopic == null ? "" : topologyTopic.strip();
        if (scope == null) {
            throw new IllegalArgumentException("scope options are required");
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must be >= 0, got " + parallelism);
        }
    }

    /** Defaults for everything but the two endpoints. */
    public static CorrelationJobConfig defaults(
            String kafkaBootstrapServers, String clickhouseUrl) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                Topics.ALERTS,
                Topics.LIFECYCLE,
                Topics.DEPLOYS,
                Topics.LOGS,
                Topics.INCIDENTS,
                "incident-intel-correlation",
                clickhouseUrl,
                GroupingOptions.defaults(),
                LifecycleOptions.defaults(),
                ClickHouseSinkOptions.defaults(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                0,
                false,
                Topics.TOPOLOGY,
                ScopeOptions.defaults());
    }

    /**
     * Reads a configuration from properties: {@code kafka.bootstrap.servers}, {@code
     * clickhouse.url}, and optionally {@code topic.alerts}, {@code topic.lifecycle}, {@code
     * topic.deploys}, {@code topic.logs}, {@code topic.incidents}, {@code consumer.group}, {@code
     * group.gap}, {@code stale.after}, {@code checkpoint.interval}, {@code out.of.orderness},
     * {@code idleness} (ISO-8601 durations), {@code parallelism}, {@code bounded}, {@code
     * topic.topology}, {@code topology.file}, {@code scope.fallback.label} and the grouping's
     * attach settings ({@link GroupingOptions#of}).
     */
    public static CorrelationJobConfig of(Properties p) {
        CorrelationJobConfig d =
                defaults(p.getProperty("kafka.bootstrap.servers"), p.getProperty("clickhouse.url"));
        return new CorrelationJobConfig(
                d.kafkaBootstrapServers,
                p.getProperty("topic.alerts", d.alertsTopic),
                p.getProperty("topic.lifecycle", d.lifecycleTopic),
                p.getProperty("topic.deploys", d.deploysTopic),
                p.getProperty("topic.logs", d.logsTopic),
                p.getProperty("topic.incidents", d.incidentsTopic),
                p.getProperty("consumer.group", d.consumerGroup),
                d.clickhouseUrl,
                GroupingOptions.of(p),
                d.lifecycle,
                d.sink,
                Duration.parse(
                        p.getProperty("checkpoint.interval", d.checkpointInterval.toString())),
                Duration.parse(p.getProperty("out.of.orderness", d.outOfOrderness.toString())),
                Duration.parse(p.getProperty("idleness", d.idleness.toString())),
                Integer.parseInt(p.getProperty("parallelism", "0")),
                Boolean.parseBoolean(p.getProperty("bounded", "false")),
                p.getProperty("topic.topology", d.topologyTopic),
                ScopeOptions.of(p));
    }

    /**
     * A copy reading from and writing to other topics (tests, replays). It reads no topology topic
     * (only the topology file); set one with {@link #withTopologyTopic}.
     */
    public CorrelationJobConfig withTopics(
            String alerts, String lifecycleIn, String deploys, String logs, String incidents) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                alerts,
                lifecycleIn,
                deploys,
                logs,
                incidents,
                consumerGroup,
                clickhouseUrl,
                grouping,
                lifecycle,
                sink,
                checkpointInterval,
                outOfOrderness,
                idleness,
                parallelism,
                bounded,
                "",
                scope);
    }

    /** A copy with another consumer group. */
    public CorrelationJobConfig withConsumerGroup(String group) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                alertsTopic,
                lifecycleTopic,
                deploysTopic,
                logsTopic,
                incidentsTopic,
                group,
                clickhouseUrl,
                grouping,
                lifecycle,
                sink,
                checkpointInterval,
                outOfOrderness,
                idleness,
                parallelism,
                bounded,
                topologyTopic,
                scope);
    }

    /** A copy with other grouping options. */
    public CorrelationJobConfig withGrouping(GroupingOptions newGrouping) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                alertsTopic,
                lifecycleTopic,
                deploysTopic,
                logsTopic,
                incidentsTopic,
                consumerGroup,
                clickhouseUrl,
                newGrouping,
                lifecycle,
                sink,
                checkpointInterval,
                outOfOrderness,
                idleness,
                parallelism,
                bounded,
                topologyTopic,
                scope);
    }

    /** A copy that stops at the end of the input ({@code true}) or runs forever. */
    public CorrelationJobConfig withBounded(boolean stopAtEnd) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                alertsTopic,
                lifecycleTopic,
                deploysTopic,
                logsTopic,
                incidentsTopic,
                consumerGroup,
                clickhouseUrl,
                grouping,
                lifecycle,
                sink,
                checkpointInterval,
                outOfOrderness,
                idleness,
                parallelism,
                stopAtEnd,
                topologyTopic,
                scope);
    }

    /** A copy with another checkpoint interval. */
    public CorrelationJobConfig withCheckpointInterval(Duration interval) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                alertsTopic,
                lifecycleTopic,
                deploysTopic,
                logsTopic,
                incidentsTopic,
                consumerGroup,
                clickhouseUrl,
                grouping,
                lifecycle,
                sink,
                interval,
                outOfOrderness,
                idleness,
                parallelism,
                bounded,
                topologyTopic,
                scope);
    }

    /** A copy with other scope options (topology file, fallback label). */
    public CorrelationJobConfig withScope(ScopeOptions newScope) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                alertsTopic,
                lifecycleTopic,
                deploysTopic,
                logsTopic,
                incidentsTopic,
                consumerGroup,
                clickhouseUrl,
                grouping,
                lifecycle,
                sink,
                checkpointInterval,
                outOfOrderness,
                idleness,
                parallelism,
                bounded,
                topologyTopic,
                newScope);
    }

    /** A copy reading topology documents from another topic. */
    public CorrelationJobConfig withTopologyTopic(String topic) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                alertsTopic,
                lifecycleTopic,
                deploysTopic,
                logsTopic,
                incidentsTopic,
                consumerGroup,
                clickhouseUrl,
                grouping,
                lifecycle,
                sink,
                checkpointInterval,
                outOfOrderness,
                idleness,
                parallelism,
                bounded,
                topic,
                scope);
    }

    /** A copy with another parallelism (0: the environment's default). */
    public CorrelationJobConfig withParallelism(int newParallelism) {
        return new CorrelationJobConfig(
                kafkaBootstrapServers,
                alertsTopic,
                lifecycleTopic,
                deploysTopic,
                logsTopic,
                incidentsTopic,
                consumerGroup,
                clickhouseUrl,
                grouping,
                lifecycle,
                sink,
                checkpointInterval,
                outOfOrderness,
                idleness,
                newParallelism,
                bounded,
                topologyTopic,
                scope);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static void requirePositive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    field + " must be a positive duration, got " + value);
        }
    }
}
