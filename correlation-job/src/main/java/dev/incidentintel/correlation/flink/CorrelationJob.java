package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.clickhouse.AlertRows;
import dev.incidentintel.correlation.clickhouse.ClickHouseSink;
import dev.incidentintel.correlation.clickhouse.IncidentAlertRows;
import dev.incidentintel.correlation.clickhouse.IncidentRows;
import dev.incidentintel.correlation.kafka.AlertEventDeserializer;
import dev.incidentintel.correlation.kafka.IncidentUpdateSerializer;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.IncidentUpdate;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The correlation job: alerts from Kafka, keyed by correlation scope, deduplicated and grouped into
 * incidents by {@link CorrelateAlertsFunction}; every alert notification is stored in ClickHouse
 * {@code alerts}, every incident update in {@code incidents} + {@code incident_alerts} and on the
 * {@code incidents.v1} feed.
 *
 * <p>The source and sinks are constructor arguments, so tests can run the same topology on other
 * inputs; {@link #fromConfig} wires the production ones. Operator uids are constants and must not
 * change once a savepoint exists.
 */
public final class CorrelationJob {
  public static final String JOB_NAME = "incident-intel correlation";
  public static final String UID_ALERT_SOURCE = "alerts-kafka-source";
  public static final String UID_CORRELATE = "correlate-alerts";
  public static final String UID_ALERT_STORE = "alerts-clickhouse-sink";
  public static final String UID_INCIDENT_STORE = "incidents-clickhouse-sink";
  public static final String UID_INCIDENT_FEED = "incidents-kafka-sink";

  private final CorrelationJobConfig config;
  private final Source<AlertEvent, ?, ?> alerts;
  private final Sink<AlertEvent> alertStore;
  private final Sink<IncidentUpdate> incidentStore;
  private final Sink<IncidentUpdate> incidentFeed;

  public CorrelationJob(
      CorrelationJobConfig config,
      Source<AlertEvent, ?, ?> alerts,
      Sink<AlertEvent> alertStore,
      Sink<IncidentUpdate> incidentStore,
      Sink<IncidentUpdate> incidentFeed) {
    this.config = config;
    this.alerts = alerts;
    this.alertStore = alertStore;
    this.incidentStore = incidentStore;
    this.incidentFeed = incidentFeed;
  }

  /** The production wiring: Kafka in, ClickHouse and Kafka out. */
  public static CorrelationJob fromConfig(CorrelationJobConfig config) {
    KafkaSourceBuilder<AlertEvent> source =
        KafkaSource.<AlertEvent>builder()
            .setBootstrapServers(config.kafkaBootstrapServers())
            .setTopics(config.alertsTopic())
            .setGroupId(config.consumerGroup())
            // Resume from committed offsets; a new group starts at the beginning of the topic.
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new AlertEventDeserializer())
            // Lets new partitions (scaling the topic out) be picked up without a restart.
            .setProperty("partition.discovery.interval.ms", "30000");
    if (config.bounded()) {
      source.setBounded(OffsetsInitializer.latest());
    }
    KafkaSink<IncidentUpdate> feed =
        KafkaSink.<IncidentUpdate>builder()
            .setBootstrapServers(config.kafkaBootstrapServers())
            .setRecordSerializer(new IncidentUpdateSerializer(config.incidentsTopic()))
            // Updates are versioned snapshots: a duplicate after a restart is harmless to readers.
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            // Never lose an update once the broker acknowledged it, and keep per-partition order.
            .setProperty("acks", "all")
            .setProperty("enable.idempotence", "true")
            .build();
    return new CorrelationJob(
        config,
        source.build(),
        new ClickHouseSink<>(config.clickhouseUrl(), List.of(new AlertRows()), config.sink()),
        new ClickHouseSink<>(config.clickhouseUrl(), List.of(new IncidentRows(), new IncidentAlertRows()), config.sink()),
        feed);
  }

  /** Adds the job's operators to {@code env} and configures checkpointing. */
  public void build(StreamExecutionEnvironment env) {
    env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    if (config.parallelism() > 0) {
      env.setParallelism(config.parallelism());
    }
    WatermarkStrategy<AlertEvent> watermarks =
        WatermarkStrategy.<AlertEvent>forBoundedOutOfOrderness(config.outOfOrderness())
            .withTimestampAssigner((alert, ts) -> alert.eventTime().toEpochMilli())
            // A quiet partition must not stall event time for the others.
            .withIdleness(config.idleness());
    DataStream<AlertEvent> alertStream =
        env.fromSource(alerts, watermarks, "alerts", JsonTypeInfo.of(AlertEvent.class)).uid(UID_ALERT_SOURCE);
    alertStream.sinkTo(alertStore).name("alerts to ClickHouse").uid(UID_ALERT_STORE);

    SingleOutputStreamOperator<IncidentUpdate> updates =
        alertStream
            .keyBy(AlertEvent::scopeKey, Types.STRING)
            .process(new CorrelateAlertsFunction(config.grouping()), JsonTypeInfo.of(IncidentUpdate.class))
            .name("correlate alerts")
            .uid(UID_CORRELATE);
    updates.sinkTo(incidentStore).name("incidents to ClickHouse").uid(UID_INCIDENT_STORE);
    updates.sinkTo(incidentFeed).name("incidents to Kafka").uid(UID_INCIDENT_FEED);
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
