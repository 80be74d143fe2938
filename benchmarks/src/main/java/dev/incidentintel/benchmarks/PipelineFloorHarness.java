package dev.incidentintel.benchmarks;

import dev.incidentintel.correlation.clickhouse.AlertRows;
import dev.incidentintel.correlation.clickhouse.ClickHouseSink;
import dev.incidentintel.correlation.clickhouse.ClickHouseSinkOptions;
import dev.incidentintel.correlation.flink.CorrelationJob;
import dev.incidentintel.correlation.flink.LocalFlink;
import dev.incidentintel.correlation.flink.WireTypeInfo;
import dev.incidentintel.correlation.kafka.JsonRecordDeserializer;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How fast this machine moves alerts through the correlation pipeline's plumbing alone, with no
 * correlation at all: a ceiling for {@link PipelineLoadHarness}'s throughput (issue 4 asks for
 * 100,000 alerts/s). Same embedded broker, topics, partitions, alert stream and backlog as that
 * harness; only the work in between differs ({@code --stage}):
 *
 * <ul>
 *   <li>{@code kafka}: a plain consumer copies each record's bytes to another topic with an
 *       idempotent producer (no Flink, no transactions, no parsing, no ClickHouse). Rate = backlog
 *       / time from the first record read to the last copy acknowledged.
 *   <li>{@code flink-read}: a Flink job that only reads: Kafka source of raw bytes, records
 *       discarded (what reading the input costs).
 *   <li>{@code flink-bytes}: a Flink job, Kafka source of raw bytes chained to a Kafka sink ({@code
 *       --delivery exactly-once}, the job's feed setting, or {@code at-least-once}): Flink's own
 *       cost per record, still without parsing or ClickHouse.
 *   <li>{@code flink-parse}: the next stage without its ClickHouse sink (alerts parsed, keyed and
 *       discarded). {@code --exchanges N} keys them N times in a row, for the price of each further
 *       exchange (the real job has several).
 *   <li>{@code flink-alerts}: a Flink job that parses each alert (the job's deserializer and wire
 *       type), sends it through one keyed exchange by scope, and stores it in ClickHouse's {@code
 *       alerts} table with the job's sink. Every alert the real job receives takes at least this
 *       path (it stores every alert), plus correlation and the incident outputs.
 * </ul>
 *
 * <p>Flink stages are measured like the real job: committed source offsets move at each completed
 * checkpoint, and the rate runs between commit steps ({@link PipelineLoadHarness#drainRate}).
 *
 * <pre>
 * mvn -q -B -o -pl benchmarks -am package -DskipTests
 * java -Xmx3g -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt) \
 *   dev.incidentintel.benchmarks.PipelineFloorHarness --stage flink-bytes --alerts 1000000
 * </pre>
 */
public final class PipelineFloorHarness {
    private PipelineFloorHarness() {}

    record Options(
            String stage,
            int alerts,
            int parallelism,
            int partitions,
            Duration checkpoint,
            DeliveryGuarantee delivery,
            int exchanges,
            long seed) {
        static Options parse(String[] args) {
            String stage = "flink-bytes";
            int alerts = 1_000_000;
            int parallelism = 2;
            int partitions = 4;
            Duration checkpoint = Duration.ofSeconds(10);
            DeliveryGuarantee delivery = DeliveryGuarantee.EXACTLY_ONCE;
            int exchanges = 1;
            long seed = 42;
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--stage" -> stage = value;
                    case "--alerts" -> alerts = Integer.parseInt(value);
                    case "--parallelism" -> parallelism = Integer.parseInt(value);
                    case "--partitions" -> partitions = Integer.parseInt(value);
                    case "--checkpoint" -> checkpoint = Duration.parse(value);
                    case "--delivery" ->
                            delivery =
                                    switch (value) {
                                        case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
                                        case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
                                        default ->
                                                throw new IllegalArgumentException(
                                                        "--delivery is exactly-once or at-least-once, got "
                                                                + value);
                                    };
                    case "--exchanges" -> exchanges = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option "
                                            + args[i]
                                            + " (known: --stage"
                                            + " kafka|flink-read|flink-bytes|flink-parse|flink-alerts --alerts N --parallelism N --partitions N --checkpoint PT10S"
                                            + " --delivery exactly-once|at-least-once --exchanges N --seed N)");
                }
            }
            if (!List.of("kafka", "flink-read", "flink-bytes", "flink-parse", "flink-alerts")
                    .contains(stage)) {
                throw new IllegalArgumentException(
                        "--stage is kafka, flink-read, flink-bytes, flink-parse or flink-alerts, got "
                                + stage);
            }
            if (exchanges < 1) {
                throw new IllegalArgumentException("--exchanges must be >= 1, got " + exchanges);
            }
            return new Options(
                    stage, alerts, parallelism, partitions, checkpoint, delivery, exchanges, seed);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path home = Files.createTempDirectory("pipeline-floor");
        String run = "floor" + System.currentTimeMillis();
        try (LocalKafka kafka = LocalKafka.start(home.resolve("kafka"));
                LocalClickHouse clickhouse =
                        o.stage().equals("flink-alerts")
                                ? LocalClickHouse.start(home.resolve("clickhouse"))
                                : null) {
            String bootstrap = kafka.bootstrapServers();
            String in = run + "-alerts";
            String out = run + "-out";
            LocalKafka.createTopics(bootstrap, List.of(in, out), o.partitions());
            PipelineLoadHarness.AlertStream stream =
                    new PipelineLoadHarness.AlertStream(200, 400, o.seed());
            long t0 = System.nanoTime();
            Instant backlogStart = Instant.now().minusMillis(o.alerts());
            try (KafkaProducer<byte[], byte[]> producer = PipelineLoadHarness.producer(bootstrap)) {
                for (int i = 0; i < o.alerts(); i++) {
                    PipelineLoadHarness.send(producer, in, stream.next(backlogStart.plusMillis(i)));
                }
                producer.flush();
            }
            System.out.printf(
                    Locale.ROOT,
                    "produced backlog of %,d alerts in %.1f s%n",
                    o.alerts(),
                    (System.nanoTime() - t0) / 1e9);

            double rate;
            if (o.stage().equals("kafka")) {
                rate = copyWithoutFlink(bootstrap, in, out, run, o.alerts());
            } else {
                StreamExecutionEnvironment env =
                        LocalFlink.environment(o.parallelism(), home.resolve("checkpoints"), false);
                env.enableCheckpointing(o.checkpoint().toMillis(), CheckpointingMode.EXACTLY_ONCE);
                env.setBufferTimeout(CorrelationJob.BUFFER_TIMEOUT_MS);
                if (o.stage().equals("flink-read")) {
                    env.fromSource(
                                    bytesSource(bootstrap, in, run),
                                    WatermarkStrategy.noWatermarks(),
                                    "alerts (bytes)",
                                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                            .sinkTo(new DiscardingSink<>())
                            .name("discard");
                } else if (o.stage().equals("flink-bytes")) {
                    env.fromSource(
                                    bytesSource(bootstrap, in, run),
                                    WatermarkStrategy.noWatermarks(),
                                    "alerts (bytes)",
                                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                            .sinkTo(bytesSink(bootstrap, out, run, o.delivery()))
                            .name("copy");
                } else if (o.stage().equals("flink-parse")) {
                    keyed(
                                    env.fromSource(
                                            alertSource(bootstrap, in, run),
                                            WatermarkStrategy.noWatermarks(),
                                            "alerts",
                                            WireTypeInfo.ALERT),
                                    o.exchanges())
                            .sinkTo(new DiscardingSink<>())
                            .name("discard");
                } else {
                    clickhouse.createDatabase(run);
                    ClickHouseUrl db = ClickHouseUrl.parse(clickhouse.jdbcUrl(run));
                    SchemaMigrator.fromClasspath(ClickHouseConnections.of(db)).migrate();
                    keyed(
                                    env.fromSource(
                                            alertSource(bootstrap, in, run),
                                            WatermarkStrategy.noWatermarks(),
                                            "alerts",
                                            WireTypeInfo.ALERT),
                                    o.exchanges())
                            .sinkTo(
                                    new ClickHouseSink<>(
                                            db.jdbcUrl(),
                                            AlertEvent.class,
                                            List.of(new AlertRows()),
                                            ClickHouseSinkOptions.defaults()))
                            .name("alerts to ClickHouse");
                }
                long started = System.nanoTime();
                JobClient job = env.executeAsync("pipeline floor " + o.stage());
                try {
                    rate =
                            PipelineLoadHarness.drainRate(
                                    job, bootstrap, run, o.alerts(), started, o.checkpoint());
                } finally {
                    job.cancel().get(60, TimeUnit.SECONDS);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "pipeline floor: stage=%s delivery=%s exchanges=%d alerts=%,d parallelism=%d partitions=%d checkpoint=%s cores=%d%n"
                            + "  throughput: %,.0f alerts/s%n",
                    o.stage(),
                    o.stage().equals("kafka")
                            ? "at-least-once (idempotent producer)"
                            : o.delivery(),
                    o.exchanges(),
                    o.alerts(),
                    o.parallelism(),
                    o.partitions(),
                    o.checkpoint(),
                    Runtime.getRuntime().availableProcessors(),
                    rate);
        }
    }

    /**
     * The alerts through {@code exchanges} keyed exchanges by scope, with a pass-through map
     * between two exchanges (the real job keys its alerts several times: scope, correlation,
     * lifecycle).
     */
    private static DataStream<AlertEvent> keyed(DataStream<AlertEvent> alerts, int exchanges) {
        DataStream<AlertEvent> out = alerts.keyBy(AlertEvent::scopeKey, Types.STRING);
        for (int i = 1; i < exchanges; i++) {
            out =
                    out.map(a -> a, WireTypeInfo.ALERT)
                            .name("pass " + i)
                            .keyBy(AlertEvent::scopeKey, Types.STRING);
        }
        return out;
    }

    /**
     * Copies {@code total} records from {@code in} to {@code out} on one thread; alerts per second.
     */
    private static double copyWithoutFlink(
            String bootstrap, String in, String out, String group, long total) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", group);
        c.put("auto.offset.reset", "earliest");
        c.put("enable.auto.commit", "false");
        c.put("isolation.level", "read_committed");
        c.put("max.poll.records", "5000");
        long copied = 0;
        long first = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(
                                c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = PipelineLoadHarness.producer(bootstrap)) {
            consumer.subscribe(List.of(in));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (copied < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "copied only " + copied + " of " + total + " records in 30 minutes");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    copied++;
                }
                consumer.commitAsync();
            }
            producer.flush();
            consumer.commitSync();
        }
        return total / ((System.nanoTime() - first) / 1e9);
    }

    /**
     * A source like the job's: its consumer group, committed offsets or the beginning, committed
     * records only.
     */
    private static <T> KafkaSource<T> source(
            String bootstrap,
            String topic,
            String group,
            KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer)
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    private static KafkaSource<byte[]> bytesSource(String bootstrap, String topic, String group) {
        return source(
                bootstrap,
                topic,
                group,
                KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class));
    }

    private static KafkaSource<AlertEvent> alertSource(
            String bootstrap, String topic, String group) {
        return source(bootstrap, topic, group, new JsonRecordDeserializer<>(AlertEvent.class));
    }

    private static KafkaSink<byte[]> bytesSink(
            String bootstrap, String topic, String group, DeliveryGuarantee delivery) {
        return KafkaSink.<byte[]>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<byte[]>builder()
                                .setTopic(topic)
                                .setValueSerializationSchema(new Identity())
                                .build())
                .setDeliveryGuarantee(delivery)
                .setTransactionalIdPrefix(group + "-" + topic)
                .setProperty(
                        "transaction.timeout.ms", Long.toString(Duration.ofMinutes(10).toMillis()))
                .build();
    }

    /**
     * The record's bytes as they came (a named class: Flink cannot infer a lambda's types here).
     */
    private static final class Identity implements SerializationSchema<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(byte[] element) {
            return element;
        }
    }
}
