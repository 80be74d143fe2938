package dev.incidentintel.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.SourceSettings;
import dev.incidentintel.ingest.kafka.KafkaReplaySink;
import dev.incidentintel.localstack.LocalKafka;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays into the shared broker through the in-process sink, as {@code incident-intel replay}
 * does.
 */
class ReplayIT {
    private static LocalKafka kafka;

    @BeforeAll
    static void broker() {
        kafka = SharedTestInfra.kafka();
    }

    @Test
    void serviceNowSubsetLandsOnLifecycleWithTheCsvsOpenResolveAndCloseTimes(@TempDir Path dir)
            throws Exception {
        if (!Files.isRegularFile(ServiceNowCsvTest.UCI)) {
            fail(
                    "shared datasets folder missing: "
                            + ServiceNowCsvTest.UCI.toAbsolutePath().normalize());
        }
        // The first 400 lines of the real log (header + 399 rows), kept whole per incident by
        // dropping the last, possibly cut, incident.
        List<String> lines = new java.util.ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ServiceNowCsvTest.UCI))) {
            zip.getNextEntry();
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
            for (int i = 0; i < 400; i++) {
                lines.add(r.readLine());
            }
        }
        String lastNumber = lines.get(lines.size() - 1).split(",")[0];
        lines.removeIf(l -> l.startsWith(lastNumber + ","));
        Path csv = dir.resolve("subset.csv");
        Files.write(csv, lines);

        // Expected per incident straight from the CSV text: opened_at (col 9), resolved_at (34),
        // closed_at (35).
        DateTimeFormatter f = DateTimeFormatter.ofPattern("d/M/uuuu H:mm");
        Map<String, String[]> expected = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            expected.put(c[0], new String[] {c[9], c[34], c[35]});
        }

        String lifecycle = SharedTestInfra.uniqueName("replay_lifecycle");
        kafka.createTopics(List.of(lifecycle), 2);
        IngestConfig config =
                IngestConfig.defaults(kafka.bootstrapServers())
                        .withSources(
                                SourceSettings.defaults()
                                        .withTopics(lifecycle, "unused_d", "unused_l", "unused_q"));
        Replayer.Summary summary;
        ReplaySource.Loaded loaded = ReplaySource.load(csv, ReplayFormat.SERVICENOW_CSV, false);
        try (ReplaySink sink = KafkaReplaySink.open(config)) {
            summary = new Replayer(sink, 0, d -> {}).run(loaded.items(), p -> {});
        }
        assertThat(summary.rejectedRequests()).isZero();

        List<LifecycleEvent> events =
                read(lifecycle).stream()
                        .map(r -> EventJson.read(r.value(), LifecycleEvent.class))
                        .toList();
        assertThat(events).hasSize((int) summary.acceptedEvents());
        for (var e : expected.entrySet()) {
            List<LifecycleEvent> mine =
                    events.stream().filter(ev -> ev.incidentId().equals(e.getKey())).toList();
            assertThat(mine)
                    .as(e.getKey())
                    .filteredOn(ev -> ev.action() == LifecycleAction.OPEN)
                    .singleElement()
                    .extracting(LifecycleEvent::eventTime)
                    .isEqualTo(utc(e.getValue()[0], f));
            assertThat(mine)
                    .as(e.getKey())
                    .filteredOn(ev -> ev.action() == LifecycleAction.CLOSE)
                    .singleElement()
                    .extracting(LifecycleEvent::eventTime)
                    .isEqualTo(utc(e.getValue()[2], f));
            if (!e.getValue()[1].equals("?")) {
                assertThat(mine)
                        .as(e.getKey())
                        .filteredOn(ev -> ev.action() == LifecycleAction.RESOLVE)
                        .singleElement()
                        .extracting(LifecycleEvent::eventTime)
                        .isEqualTo(utc(e.getValue()[1], f));
            }
            assertThat(mine).allSatisfy(ev -> assertThat(ev.source()).isEqualTo("servicenow"));
        }
    }

    private static Instant utc(String text, DateTimeFormatter f) {
        return LocalDateTime.parse(text, f).toInstant(ZoneOffset.UTC);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long expected =
                    consumer.endOffsets(partitions).values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
            List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
