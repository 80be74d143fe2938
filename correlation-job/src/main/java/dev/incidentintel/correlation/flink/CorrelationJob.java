package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.anomaly.logs.MinerOptions;
import dev.incidentintel.correlation.anomaly.logs.TemplateStats;
import dev.incidentintel.correlation.anomaly.series.Anomaly;
import dev.incidentintel.correlation.anomaly.series.DetectorOptions;
import dev.incidentintel.correlation.anomaly.series.MetricSamples;
import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import dev.incidentintel.correlation.clickhouse.AlertRows;
import dev.incidentintel.correlation.clickhouse.AnomalyRows;
import dev.incidentintel.correlation.clickhouse.ClickHouseSink;
import dev.incidentintel.correlation.clickhouse.DeployRows;
import dev.incidentintel.correlation.clickhouse.IncidentAlertRows;
import dev.incidentintel.correlation.clickhouse.IncidentRows;
import dev.incidentintel.correlation.clickhouse.LifecycleRows;
import dev.incidentintel.correlation.clickhouse.LogTemplateRows;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.kafka.IncidentUpdateSerializer;
import dev.incidentintel.correlation.kafka.JsonRecordDeserializer;
import dev.incidentintel.correlation.kafka.LateAlertSerializer;
import dev.incidentintel.correlation.recurrence.RecurrenceOptions;
import dev.incidentintel.correlation.scope.ScopeAssigner;
import dev.incidentintel.correlation.scope.ScopedAlert;
import dev.incidentintel.correlation.suspect.SuspectOptions;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.IncidentAlertLink;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.LogEvent;
import dev.incidentintel.events.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The correlation job.
 *
 * <pre>
 * alerts.v1    --> [alerts to ClickHouse]
 *              --> keyBy environment/service --> assign scope (pinned per alert)
 * topology.v1 / topology file --> broadcast --^  |
 *                 +------------------------------+
 *              --> keyBy scope --> correlate (dedup, attach score, reopen, --+--> links keyBy fingerprint --+
 * deploys.v1 + topology --> broadcast --^ stale, deploy suspects)            |                            |
 * lifecycle.v1 --> by incident id ----------------------------------------+  |                            |
 *              --> by fingerprint only --> keyBy fingerprint --> resolve incident id <---------------------+
 *              (resolved steps) --> [lifecycle_events to ClickHouse]
 * correlator updates + resolved steps --> keyBy incident id --> apply lifecycle
 *   --> keyBy environment/primary service --> recurrence and rarity --> [incidents, incident_alerts
 *                                                                        to ClickHouse; incidents.v1]
 * deploys.v1   --> [deploys to ClickHouse]
 * logs.v1      --> keyBy service --> mine log templates --> [log_templates]
 *                                    per-template minute rates --> keyBy series --> detect anomalies
 *                                    --> [anomalies]; as alerts (source "anomaly") --> union into alerts
 *              (metric/value samples, and per-service firing-alert rates of alerts.v1 without source
 *              "anomaly", join the same detection)
 * </pre>
 *
 * <p>The Kafka feed is transactional (exactly-once with checkpoints); ClickHouse writes are
 * idempotent (ReplacingMergeTree on deterministic ids and versions), so a restart from a checkpoint
 * neither loses nor duplicates anything (ExactlyOnceRestartIT).
 *
 * <p>Sources and sinks are constructor arguments, so tests can run the same topology on other
 * inputs; {@link #fromConfig} wires the production ones. Operator uids are constants and must not
 * change once a savepoint exists.
 */
public final class CorrelationJob {
    public static final String JOB_NAME = "incident-intel correlation";
    public static final String UID_ALERT_SOURCE = "alerts-kafka-source";
    public static final String UID_LIFECYCLE_SOURCE = "lifecycle-kafka-source";
    public static final String UID_DEPLOY_SOURCE = "deploys-kafka-source";
    public static final String UID_LOG_SOURCE = "logs-kafka-source";
    public static final String UID_TEMPLATE_STORE = "log-templates-clickhouse-sink";
    public static final String UID_ANOMALY_STORE = "anomalies-clickhouse-sink";
    public static final String UID_ANOMALY_ALERTS = "anomalies-as-alerts";
    public static final String UID_METRIC_SAMPLES = "metric-samples";
    public static final String UID_LOG_LINES = "log-lines";
    public static final String UID_RATED_ALERTS = "alerts-for-rates";

    /** A series or log template quiet for this long (event time) is forgotten. */
    static final Duration ANOMALY_IDLE_TIMEOUT = Duration.ofDays(7);

    /**
     * Combined anomaly score that opens an anomaly, and the score it must fall below to close. The
     * opening score is the NAB standard-profile threshold of {@code DetectorOptions.DEFAULTS}
     * (0.68, docs/BENCHMARKS.md): the contextual detector often scores 0.6-0.68 on noisy but normal
     * series.
     */
    static final double ANOMALY_OPEN_AT = 0.68;

    static final double ANOMALY_CLOSE_BELOW = 0.2;
    public static final String UID_CORRELATE = "correlate-alerts";
    public static final String UID_LINKS = "incident-links";
    public static final String UID_RESOLVE_LIFECYCLE = "resolve-lifecycle-target";
    public static final String UID_APPLY_LIFECYCLE = "apply-lifecycle";
    public static final String UID_RECURRENCE = "recurrence-rarity";

    /** Longest time a record waits in a partly filled network buffer (Flink's default: 100 ms). */
    public static final long BUFFER_TIMEOUT_MS = 5;

    public static final String UID_ALERT_STORE = "alerts-clickhouse-sink";
    public static final String UID_ANOMALY_ALERT_STORE = "anomaly-alerts-clickhouse-sink";
    public static final String UID_LIFECYCLE_STORE = "lifecycle-clickhouse-sink";
    public static final String UID_DEPLOY_STORE = "deploys-clickhouse-sink";
    public static final String UID_INCIDENT_STORE = "incidents-clickhouse-sink";
    public static final String UID_TRIAGE = "triage-suggestions";
    public static final String UID_INCIDENT_FEED = "incidents-kafka-sink";

    public static final String UID_LIFECYCLE_BY_ALERT = "lifecycle-by-alert";
    public static final String UID_LIFECYCLE_BY_INCIDENT = "lifecycle-by-incident";
    public static final String UID_TOPOLOGY_SOURCE = "topology-kafka-source";
    public static final String UID_LATE_ALERTS = "late-alerts-sink";
    public static final String UID_TOPOLOGY_FOR_CORRELATION = "topology-for-correlation";
    public static final String UID_DEPLOYS_FOR_CORRELATION = "deploys-for-correlation";

    /**
     * The job's inputs; {@code topology} (documents of {@code topology.v1}) may be null: then only
     * the topology file is used.
     */
    public record Sources(
            Source<AlertEvent, ?, ?> alerts,
            Source<LifecycleEvent, ?, ?> lifecycle,
            Source<DeployEvent, ?, ?> deploys,
            Source<LogEvent, ?, ?> logs,
            Source<ServiceTopology, ?, ?> topology) {

        /** Inputs without run-time topology updates. */
        public Sources(
                Source<AlertEvent, ?, ?> alerts,
                Source<LifecycleEvent, ?, ?> lifecycle,
                Source<DeployEvent, ?, ?> deploys,
                Source<LogEvent, ?, ?> logs) {
            this(alerts, lifecycle, deploys, logs, null);
        }
    }

    /**
     * The job's outputs; {@code lateAlerts} (alerts too late to correlate) may be null: then they
     * are only counted ({@code alerts_late}) and logged.
     */
    public record Sinks(
            Sink<AlertEvent> alertStore,
            Sink<LifecycleEvent> lifecycleStore,
            Sink<DeployEvent> deployStore,
            Sink<IncidentUpdate> incidentStore,
            Sink<IncidentUpdate> incidentFeed,
            Sink<TemplateStats> logTemplateStore,
            Sink<Anomaly> anomalyStore,
            Sink<AlertEvent> lateAlerts) {

        /** Outputs without a late-alerts sink. */
        public Sinks(
                Sink<AlertEvent> alertStore,
                Sink<LifecycleEvent> lifecycleStore,
                Sink<DeployEvent> deployStore,
                Sink<IncidentUpdate> incidentStore,
                Sink<IncidentUpdate> incidentFeed,
                Sink<TemplateStats> logTemplateStore,
                Sink<Anomaly> anomalyStore) {
            this(
                    alertStore,
                    lifecycleStore,
                    deployStore,
                    incidentStore,
                    incidentFeed,
                    logTemplateStore,
                    anomalyStore,
                    null);
        }
    }

    private final CorrelationJobConfig config;
    private final Sources sources;
    private final Sinks sinks;

    public CorrelationJob(CorrelationJobConfig config, Sources sources, Sinks sinks) {
        this.config = config;
        this.sources = sources;
        this.sinks = sinks;
    }

    /** The production wiring: Kafka in, ClickHouse and Kafka out. */
    public static CorrelationJob fromConfig(CorrelationJobConfig config) {
        return new CorrelationJob(config, productionSources(config), productionSinks(config));
    }

    /** The Kafka sources for the configured topics. */
    public static Sources productionSources(CorrelationJobConfig config) {
        return new Sources(
                kafkaSource(config, config.alertsTopic(), AlertEvent.class),
                kafkaSource(config, config.lifecycleTopic(), LifecycleEvent.class),
                kafkaSource(config, config.deploysTopic(), DeployEvent.class),
                kafkaSource(config, config.logsTopic(), LogEvent.class),
                config.topologyTopic().isEmpty()
                        ? null
                        : kafkaSource(config, config.topologyTopic(), ServiceTopology.class));
    }

    /** The ClickHouse sinks and the transactional Kafka feed. */
    public static Sinks productionSinks(CorrelationJobConfig config) {
        KafkaSink<IncidentUpdate> feed =
                KafkaSink.<IncidentUpdate>builder()
                        .setBootstrapServers(config.kafkaBootstrapServers())
                        .setRecordSerializer(new IncidentUpdateSerializer(config.incidentsTopic()))
                        // Transactions committed with each checkpoint: after a restart no update is
                        // duplicated.
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(
                                config.consumerGroup() + "-" + config.incidentsTopic())
                        // Must stay below the broker's transaction.max.timeout.ms (15 min by
                        // default).
                        .setProperty(
                                "transaction.timeout.ms",
                                Long.toString(Duration.ofMinutes(10).toMillis()))
                        .build();
        String url = config.clickhouseUrl();
        return new Sinks(
                new ClickHouseSink<>(
                        url, AlertEvent.class, List.of(new AlertRows()), config.sink()),
                new ClickHouseSink<>(
                        url, LifecycleEvent.class, List.of(new LifecycleRows()), config.sink()),
                new ClickHouseSink<>(
                        url, DeployEvent.class, List.of(new DeployRows()), config.sink()),
                // Links first: the API lists incidents from their table, so an incident must not
                // become
                // visible before its alert links are stored (tables are inserted in this order).
                new ClickHouseSink<>(
                        url,
                        IncidentUpdate.class,
                        List.of(new IncidentAlertRows(), new IncidentRows()),
                        config.sink()),
                feed,
                new ClickHouseSink<>(
                        url, TemplateStats.class, List.of(new LogTemplateRows()), config.sink()),
                new ClickHouseSink<>(url, Anomaly.class, List.of(new AnomalyRows()), config.sink()),
                lateAlertSink(config));
    }

    /**
     * Late alerts to {@code alerts.late.v1}: at least once (diagnostic output; a duplicate after a
     * restart is harmless), so an operator can see and replay what was not correlated.
     */
    private static KafkaSink<AlertEvent> lateAlertSink(CorrelationJobConfig config) {
        return KafkaSink.<AlertEvent>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setRecordSerializer(new LateAlertSerializer(Topics.ALERTS_LATE))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static <T> KafkaSource<T> kafkaSource(
            CorrelationJobConfig config, String topic, Class<T> type) {
        KafkaSourceBuilder<T> source =
                KafkaSource.<T>builder()
                        .setBootstrapServers(config.kafkaBootstrapServers())
                        .setTopics(topic)
                        .setGroupId(config.consumerGroup())
                        // Resume from committed offsets; a new group starts at the beginning of the
                        // topic.
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new JsonRecordDeserializer<>(type))
                        // Read only committed records of transactional producers.
                        .setProperty("isolation.level", "read_committed")
                        // Lets new partitions (scaling the topic out) be picked up without a
                        // restart.
                        .setProperty("partition.discovery.interval.ms", "30000");
        if (config.bounded()) {
            source.setBounded(OffsetsInitializer.latest());
        }
        return source.build();
    }

    /** Event time of a record; serializable because Flink ships it with the job graph. */
    interface EventTime<T> extends java.io.Serializable {
        java.time.Instant of(T event);
    }

    private <T> WatermarkStrategy<T> watermarks(EventTime<T> time) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(config.outOfOrderness())
                .withTimestampAssigner((event, ts) -> time.of(event).toEpochMilli())
                // A quiet partition or topic must not stall event time for the others.
                .withIdleness(config.idleness());
    }

    /** Adds the job's operators to {@code env} and configures checkpointing. */
    public void build(StreamExecutionEnvironment env) {
        env.enableCheckpointing(
                config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // A network buffer leaves when full or after this long. Flink's 100 ms default is paid at
        // each of
        // the job's keyed exchanges, so an alert on a quiet stream waited for several of them in
        // turn.
        env.setBufferTimeout(BUFFER_TIMEOUT_MS);
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        DataStream<LogEvent> logs =
                env.fromSource(
                                sources.logs(),
                                watermarks(LogEvent::eventTime),
                                "logs",
                                JsonTypeInfo.of(LogEvent.class))
                        .uid(UID_LOG_SOURCE);
        // Log events carrying metric/value attributes are metric samples, not log lines (README).
        DataStream<SeriesPoint> metricSamples =
                logs.flatMap(
                                (LogEvent l, Collector<SeriesPoint> out) -> {
                                    SeriesPoint p =
                                            MetricSamples.of(
                                                    l.environment(),
                                                    l.service(),
                                                    l.eventTime(),
                                                    l.attributes());
                                    if (p != null) {
                                        out.collect(p);
                                    }
                                },
                                TypeInformation.of(SeriesPoint.class))
                        .name("metric samples")
                        .uid(UID_METRIC_SAMPLES);
        SingleOutputStreamOperator<LogEvent> tagged =
                logs.filter(l -> !MetricSamples.isSample(l.attributes()))
                        .name("log lines")
                        .uid(UID_LOG_LINES)
                        .keyBy(LogEvent::scopeKey, Types.STRING)
                        .process(
                                new MineLogTemplatesFunction(
                                        MinerOptions.DEFAULTS, ANOMALY_IDLE_TIMEOUT),
                                JsonTypeInfo.of(LogEvent.class))
                        .name("mine log templates")
                        .uid(MineLogTemplatesFunction.UID);
        tagged.getSideOutput(MineLogTemplatesFunction.TEMPLATES)
                .sinkTo(sinks.logTemplateStore())
                .name("log templates to ClickHouse")
                .uid(UID_TEMPLATE_STORE);
        DataStream<AlertEvent> sourcedAlerts =
                env.fromSource(
                                sources.alerts(),
                                watermarks(AlertEvent::eventTime),
                                "alerts",
                                WireTypeInfo.ALERT)
                        .uid(UID_ALERT_SOURCE);
        // Per-service alert rates; anomaly alerts are left out so that an anomaly cannot feed
        // itself.
        DataStream<SeriesPoint> alertRates =
                sourcedAlerts
                        .filter(a -> !AnomalyAlerts.SOURCE.equals(a.source()))
                        .name("alerts but anomalies")
                        .uid(UID_RATED_ALERTS)
                        .keyBy(AlertEvent::scopeKey, Types.STRING)
                        .process(
                                new CountAlertRatesFunction(ANOMALY_IDLE_TIMEOUT),
                                TypeInformation.of(SeriesPoint.class))
                        .name("count alert rates")
                        .uid(CountAlertRatesFunction.UID);
        SingleOutputStreamOperator<Anomaly> anomalies =
                tagged.getSideOutput(MineLogTemplatesFunction.RATES)
                        .union(alertRates, metricSamples)
                        .keyBy(SeriesPoint::seriesKey, Types.STRING)
                        .process(
                                new DetectRateAnomaliesFunction(
                                        DetectorOptions.DEFAULTS,
                                        ANOMALY_OPEN_AT,
                                        ANOMALY_CLOSE_BELOW,
                                        ANOMALY_IDLE_TIMEOUT),
                                TypeInformation.of(Anomaly.class))
                        .name("detect rate anomalies")
                        .uid(DetectRateAnomaliesFunction.UID);
        anomalies
                .sinkTo(sinks.anomalyStore())
                .name("anomalies to ClickHouse")
                .uid(UID_ANOMALY_STORE);

        // Anomalies become alerts (source "anomaly") so they correlate with alerts and set
        // impact_start.
        DataStream<AlertEvent> anomalyAlerts =
                anomalies
                        .map(AnomalyAlerts::toAlert, WireTypeInfo.ALERT)
                        .name("anomalies as alerts")
                        .uid(UID_ANOMALY_ALERTS);
        DataStream<AlertEvent> alerts = sourcedAlerts.union(anomalyAlerts);
        DataStream<LifecycleEvent> lifecycle =
                env.fromSource(
                                sources.lifecycle(),
                                watermarks(LifecycleEvent::eventTime),
                                "lifecycle",
                                JsonTypeInfo.of(LifecycleEvent.class))
                        .uid(UID_LIFECYCLE_SOURCE);
        DataStream<DeployEvent> deploys =
                env.fromSource(
                                sources.deploys(),
                                watermarks(DeployEvent::eventTime),
                                "deploys",
                                JsonTypeInfo.of(DeployEvent.class))
                        .uid(UID_DEPLOY_SOURCE);

        // Two sinks rather than one on the union: a sink with one input chains to the alert source,
        // so
        // every alert reaches ClickHouse without crossing a network exchange (a serialisation each
        // way).
        sourcedAlerts.sinkTo(sinks.alertStore()).name("alerts to ClickHouse").uid(UID_ALERT_STORE);
        anomalyAlerts
                .sinkTo(sinks.alertStore())
                .name("anomaly alerts to ClickHouse")
                .uid(UID_ANOMALY_ALERT_STORE);
        deploys.sinkTo(sinks.deployStore()).name("deploys to ClickHouse").uid(UID_DEPLOY_STORE);

        SingleOutputStreamOperator<IncidentUpdate> correlated = correlate(env, alerts, deploys);
        DataStream<AlertEvent> late = correlated.getSideOutput(CorrelateAlertsFunction.LATE);
        if (sinks.lateAlerts() != null) {
            late.sinkTo(sinks.lateAlerts()).name("late alerts to Kafka").uid(UID_LATE_ALERTS);
        } else {
            late.map(LateAlerts::log, WireTypeInfo.ALERT)
                    .name("log late alerts")
                    .uid(UID_LATE_ALERTS);
        }

        DataStream<IncidentAlertLink> links =
                correlated
                        .flatMap(
                                (IncidentUpdate u, Collector<IncidentAlertLink> out) ->
                                        u.newLinks().forEach(out::collect),
                                WireTypeInfo.LINK)
                        .name("incident links")
                        .uid(UID_LINKS);
        DataStream<LifecycleEvent> byAlertOnly =
                links.keyBy(IncidentAlertLink::fingerprint, Types.STRING)
                        .connect(
                                lifecycle
                                        .filter(CorrelationJob::namesOnlyAnAlert)
                                        .name("lifecycle naming only an alert")
                                        .uid(UID_LIFECYCLE_BY_ALERT)
                                        .keyBy(LifecycleEvent::alertFingerprint, Types.STRING))
                        .process(
                                new ResolveLifecycleTargetFunction(
                                        config.lifecycle().pendingTimeout(), Duration.ofDays(30)),
                                JsonTypeInfo.of(LifecycleEvent.class))
                        .name("resolve lifecycle target")
                        .uid(UID_RESOLVE_LIFECYCLE);
        DataStream<LifecycleEvent> steps =
                lifecycle
                        .filter(e -> !namesOnlyAnAlert(e))
                        .name("lifecycle naming an incident")
                        .uid(UID_LIFECYCLE_BY_INCIDENT)
                        .union(byAlertOnly);
        steps.sinkTo(sinks.lifecycleStore())
                .name("lifecycle to ClickHouse")
                .uid(UID_LIFECYCLE_STORE);

        SingleOutputStreamOperator<IncidentUpdate> incidents =
                correlated
                        .keyBy(u -> u.incident().id(), Types.STRING)
                        .connect(steps.keyBy(LifecycleEvent::incidentId, Types.STRING))
                        .process(
                                new ApplyLifecycleFunction(config.lifecycle()),
                                WireTypeInfo.INCIDENT_UPDATE)
                        .name("apply lifecycle")
                        .uid(UID_APPLY_LIFECYCLE)
                        .keyBy(TrackRecurrenceFunction::keyOf, Types.STRING)
                        .process(
                                new TrackRecurrenceFunction(RecurrenceOptions.defaults()),
                                WireTypeInfo.INCIDENT_UPDATE)
                        .name("recurrence and rarity")
                        .uid(UID_RECURRENCE);
        String triageModel = triageModelPath();
        if (triageModel != null) {
            incidents =
                    incidents
                            .map(
                                    new TriageIncidentsFunction(triageModel),
                                    WireTypeInfo.INCIDENT_UPDATE)
                            .name("triage suggestions")
                            .uid(UID_TRIAGE);
        }
        incidents
                .sinkTo(sinks.incidentStore())
                .name("incidents to ClickHouse")
                .uid(UID_INCIDENT_STORE);
        incidents.sinkTo(sinks.incidentFeed()).name("incidents to Kafka").uid(UID_INCIDENT_FEED);
    }

    /**
     * The triage model directory that enriches incidents ({@code -Dincident-intel.triage.model},
     * else {@code TRIAGE_MODEL}), or null: then incidents pass without suggestions.
     */
    static String triageModelPath() {
        String p = System.getProperty("incident-intel.triage.model", System.getenv("TRIAGE_MODEL"));
        return p == null || p.isBlank() ? null : p.strip();
    }

    /**
     * Scope assignment and correlation: alerts keyed by service scope get their scope from the
     * current topology (file, then the latest {@code topology.v1} document; both broadcast), then
     * are keyed by scope and correlated with the recent deploys and the topology as broadcast
     * state.
     */
    private SingleOutputStreamOperator<IncidentUpdate> correlate(
            StreamExecutionEnvironment env,
            DataStream<AlertEvent> alerts,
            DataStream<DeployEvent> deploys) {
        ServiceTopology initial = Topologies.initial(config.scope());
        // Without a topology topic: a stream that never carries a document (the functions start
        // from
        // the file's topology anyway) but lives as long as the deploys input, so no source finishes
        // early in a running job.
        DataStream<ServiceTopology> topology =
                sources.topology() == null
                        ? deploys.flatMap(
                                        (DeployEvent d, Collector<ServiceTopology> out) -> {},
                                        JsonTypeInfo.of(ServiceTopology.class))
                                .name("no topology updates")
                                .uid(UID_TOPOLOGY_SOURCE)
                        : env.fromSource(
                                        sources.topology(),
                                        Topologies.timeless(),
                                        "topology",
                                        JsonTypeInfo.of(ServiceTopology.class))
                                .uid(UID_TOPOLOGY_SOURCE);
        GroupingOptions grouping = config.grouping();
        ScopeAssigner assigner =
                new ScopeAssigner(config.scope(), grouping.staleAfter(), grouping.reopenWindow());
        DataStream<ScopedAlert> scoped =
                alerts.keyBy(AlertEvent::scopeKey, Types.STRING)
                        .connect(topology.broadcast(AssignScopeFunction.TOPOLOGY))
                        .process(
                                new AssignScopeFunction(assigner, initial),
                                WireTypeInfo.SCOPED_ALERT)
                        .name("assign scope")
                        .uid(AssignScopeFunction.UID);
        DataStream<Either<DeployEvent, ServiceTopology>> broadcast =
                deploys.map(
                                Either::<DeployEvent, ServiceTopology>Left,
                                CorrelateAlertsFunction.BROADCAST_TYPE)
                        .name("deploys for correlation")
                        .uid(UID_DEPLOYS_FOR_CORRELATION)
                        .union(
                                topology.map(
                                                Either::<DeployEvent, ServiceTopology>Right,
                                                CorrelateAlertsFunction.BROADCAST_TYPE)
                                        .name("topology for correlation")
                                        .uid(UID_TOPOLOGY_FOR_CORRELATION));
        return scoped.keyBy(ScopedAlert::scope, Types.STRING)
                .connect(
                        broadcast.broadcast(
                                CorrelateAlertsFunction.DEPLOYS, AssignScopeFunction.TOPOLOGY))
                .process(
                        new CorrelateAlertsFunction(grouping, SuspectOptions.defaults(), initial),
                        WireTypeInfo.INCIDENT_UPDATE)
                .name("correlate alerts")
                .uid(UID_CORRELATE);
    }

    static boolean namesOnlyAnAlert(LifecycleEvent e) {
        return e.incidentId() == null || e.incidentId().isBlank();
    }

    /** Builds and runs the job, blocking until it ends (bounded input) or fails. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute(JOB_NAME);
    }

    /** Builds and submits the job without waiting for it. */
    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync(JOB_NAME);
    }
}
