package dev.incidentintel.correlation.flink;

import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Shared set-up of the job ITs: migrated databases, safe producers and the committed feed. */
final class JobTestSupport {
    private JobTestSupport() {}

    /** A new database on the shared ClickHouse with every migration applied; returns its name. */
    static String migratedDatabase(LocalClickHouse clickHouse, String prefix) {
        String database = SharedTestInfra.uniqueName(prefix);
        clickHouse.createDatabase(database);
        SchemaMigrator.fromClasspath(
                        ClickHouseConnections.of(ClickHouseUrl.parse(clickHouse.jdbcUrl(database))))
                .migrate();
        return database;
    }

    /**
     * An idempotent, acks=all producer with one request in flight: on a just-created topic more in
     * flight can hit OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (STACK.md).
     */
    /**
     * Runs the production job, bounded, on the five topics (alerts, lifecycle, deploys, logs,
     * incidents) into {@code database}: parallelism 2, checkpoints every second, no restarts.
     */
    static void runBounded(
            LocalKafka kafka,
            LocalClickHouse clickHouse,
            String database,
            List<String> topics,
            String group)
            throws Exception {
        CorrelationJobConfig config =
                CorrelationJobConfig.defaults(
                                kafka.bootstrapServers(), clickHouse.jdbcUrl(database))
                        .withTopics(
                                topics.get(0),
                                topics.get(1),
                                topics.get(2),
                                topics.get(3),
                                topics.get(4))
                        .withConsumerGroup(group)
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withParallelism(2)
                        .withBounded(true);
        org.apache.flink.configuration.Configuration conf =
                new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none");
        CorrelationJob.fromConfig(config)
                .execute(
                        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
                                .getExecutionEnvironment(conf));
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(
                LocalKafka.safeProducerProperties(bootstrapServers),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /**
     * Every committed update on an incidents topic (the job writes it in transactions), from the
     * start up to the end offsets a read_committed consumer sees (the last stable offsets). Reads
     * by assignment, not by group subscription, so a slow group join on a loaded machine cannot end
     * the read before anything arrived.
     */
    static List<IncidentUpdate> committedFeed(String bootstrapServers, String topic) {
        return feed(bootstrapServers, topic, "read_committed");
    }

    /**
     * Like {@link #committedFeed} in another isolation level (read_uncommitted also shows open and
     * aborted transactions).
     */
    static List<IncidentUpdate> feed(String bootstrapServers, String topic, String isolation) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", isolation);
        props.put("enable.auto.commit", "false");
        List<IncidentUpdate> updates = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "feed "
                                    + topic
                                    + " not read to its end offsets "
                                    + end
                                    + " within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    updates.add(EventJson.read(r.value(), IncidentUpdate.class));
                }
            }
        }
        return updates;
    }
}
