package dev.incidentintel.correlation.flink;

import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Test helper: every committed update on an incidents topic (the job writes it in transactions). */
final class CommittedFeed {
  private CommittedFeed() {}

  /** Reads from the beginning until four polls in a row return nothing. */
  static List<IncidentUpdate> readAll(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", SharedTestInfra.uniqueName("feed_reader"));
    props.put("auto.offset.reset", "earliest");
    props.put("isolation.level", "read_committed");
    List<IncidentUpdate> updates = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      int empty = 0;
      while (empty < 4) {
        var records = consumer.poll(Duration.ofMillis(500));
        empty = records.isEmpty() ? empty + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          updates.add(EventJson.read(r.value(), IncidentUpdate.class));
        }
      }
    }
    return updates;
  }
}
