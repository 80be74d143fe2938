package dev.incidentintel.notifier.kafka;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.json.EventFormatException;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.notifier.delivery.NotifierException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole incident feed once, {@code read_committed}, from the beginning to the end offsets
 * at the time of the call (no consumer group, nothing committed). For evaluations.
 */
public final class IncidentFeedReader {
  private IncidentFeedReader() {}

  /** Every committed incident snapshot on {@code topic}, in partition order (per incident in order). */
  public static List<Incident> readAll(String bootstrapServers, String topic, Duration timeout) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    List<Incident> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new NotifierException("did not read " + topic + " to its end within " + timeout, null);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            out.add(EventJson.read(r.value(), IncidentUpdate.class).incident());
          } catch (EventFormatException e) {
            // An unreadable record is not an incident; the notifier skips it too.
          }
        }
      }
    }
    return out;
  }
}
