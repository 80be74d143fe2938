package dev.incidentintel.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaIT {

    private static final int RECORDS = 100;
    private static final int PARTITIONS = 2;

    @TempDir Path dataDir;

    @Test
    void producesAndConsumesAndKeepsRecordsAcrossRestart() throws Exception {
        String topic = "local_kafka_it";
        // Independent expectation: record i goes to partition i % 2 with value "value-i".
        Map<Integer, List<String>> expected = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.computeIfAbsent(i % PARTITIONS, p -> new ArrayList<>()).add("value-" + i);
        }

        int brokerPort;
        try (LocalKafka kafka = LocalKafka.start(dataDir)) {
            brokerPort = kafka.brokerPort();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + brokerPort);
            kafka.createTopics(List.of(topic), PARTITIONS);
            // Second call: the topic exists, must neither fail nor change it.
            kafka.createTopics(List.of(topic), 5);
            assertThat(partitionCount(kafka, topic)).isEqualTo(PARTITIONS);

            try (KafkaProducer<String, String> producer = idempotentProducer(kafka)) {
                for (int i = 0; i < RECORDS; i++) {
                    RecordMetadata metadata =
                            producer.send(
                                            new ProducerRecord<>(
                                                    topic,
                                                    i % PARTITIONS,
                                                    "key-" + i,
                                                    "value-" + i))
                                    .get(30, TimeUnit.SECONDS);
                    assertThat(metadata.partition()).isEqualTo(i % PARTITIONS);
                }
            }
            assertThat(readAll(kafka, topic, null)).isEqualTo(expected);
        }

        // Same directory again: topics and records survive, ports are reused.
        try (LocalKafka again = LocalKafka.start(dataDir)) {
            assertThat(again.brokerPort()).isEqualTo(brokerPort);
            again.createTopics(List.of(topic), PARTITIONS);
            assertThat(readAll(again, topic, "restart-group")).isEqualTo(expected);
        }
    }

    @Test
    void restartsWithOtherExplicitPortsOnTheSameDirectory() throws Exception {
        String topic = "moved";
        try (LocalKafka kafka = LocalKafka.start(dataDir)) {
            kafka.createTopics(List.of(topic), 1);
            try (KafkaProducer<String, String> producer = idempotentProducer(kafka)) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "before-move"))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        int[] ports = FreePorts.pick(2);
        try (LocalKafka moved =
                LocalKafka.start(new LocalKafka.Options(dataDir, ports[0], ports[1]))) {
            assertThat(moved.bootstrapServers()).isEqualTo("127.0.0.1:" + ports[0]);
            assertThat(moved.controllerPort()).isEqualTo(ports[1]);
            assertThat(readAll(moved, topic, null)).isEqualTo(Map.of(0, List.of("before-move")));
            // The new controller endpoint is usable for metadata changes too.
            moved.createTopics(List.of("after_move"), 3);
            assertThat(partitionCount(moved, "after_move")).isEqualTo(3);
        }
    }

    @Test
    void closeIsIdempotentAndFreesThePort() {
        LocalKafka kafka = LocalKafka.start(dataDir);
        int port = kafka.brokerPort();
        kafka.close();
        kafka.close();
        assertThat(FreePorts.isFree(port)).isTrue();
        assertThatThrownBy(() -> kafka.createTopics(List.of("x"), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void failsClearlyWhenAnExplicitPortIsTaken() throws Exception {
        int[] ports = FreePorts.pick(2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[0]));
            assertThatThrownBy(
                            () ->
                                    LocalKafka.start(
                                            new LocalKafka.Options(dataDir, ports[0], ports[1])))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("127.0.0.1:" + ports[0]);
        }
        // Nothing of the failed broker is left listening, and the directory is still usable.
        assertThat(FreePorts.isFree(ports[1])).isTrue();
        try (LocalKafka kafka =
                LocalKafka.start(new LocalKafka.Options(dataDir, ports[0], ports[1]))) {
            kafka.createTopics(List.of("after_failure"), 1);
        }
    }

    @Test
    void createTopicsRejectsBadArguments() {
        try (LocalKafka kafka = LocalKafka.start(dataDir)) {
            assertThatThrownBy(() -> kafka.createTopics(List.of("ok"), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("partitions");
            assertThatThrownBy(() -> kafka.createTopics(List.of("bad topic name"), 1))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("bad topic name");
        }
    }

    private static KafkaProducer<String, String> idempotentProducer(LocalKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    /**
     * Reads every record of the topic from the beginning, values grouped by partition in offset
     * order. With a group id it subscribes (exercising the group coordinator), otherwise it
     * assigns.
     */
    private static Map<Integer, List<String>> readAll(
            LocalKafka kafka, String topic, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        Map<Integer, List<String>> values = new HashMap<>();
        Map<Integer, Long> nextOffset = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
            if (groupId != null) {
                consumer.subscribe(List.of(topic));
            } else {
                consumer.assign(partitions);
            }
            long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long read = 0;
            while (read < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    // Offsets start at 0 and have no gaps on a fresh topic: every record is where
                    // we expect
                    // it.
                    long expectedOffset = nextOffset.getOrDefault(record.partition(), 0L);
                    assertThat(record.offset()).isEqualTo(expectedOffset);
                    nextOffset.put(record.partition(), expectedOffset + 1);
                    values.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                            .add(record.value());
                    read++;
                }
            }
            if (groupId != null) {
                consumer.commitSync();
            }
        }
        return values;
    }

    private static int partitionCount(LocalKafka kafka, String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic);
            return description.partitions().size();
        }
    }
}
