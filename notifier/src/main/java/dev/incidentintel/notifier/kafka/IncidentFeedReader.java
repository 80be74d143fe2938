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

    /**
     * What was read: the committed snapshots in partition order (per incident in order), and how
     * many records lay beyond the last stable offset when reading stopped (held back by a
     * transaction that was still open, so not visible to {@code read_committed} consumers), how
     * many were unreadable (with the first error), and how many the broker had already deleted (log
     * start offsets above 0, e.g. by time-based retention of records with old timestamps).
     */
    public record Feed(
            List<Incident> incidents,
            long hiddenRecords,
            long unreadable,
            String firstError,
            long deletedRecords) {}

    /**
     * Every committed incident snapshot on {@code topic}. Waits (up to half of {@code timeout}) for
     * open transactions to finish, i.e. for the last stable offset to reach the end of each
     * partition, then reads up to the last stable offset.
     */
    public static Feed readAll(String bootstrapServers, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Incident> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> committed =
                        consumer(bootstrapServers, "read_committed");
                KafkaConsumer<byte[], byte[]> uncommitted =
                        consumer(bootstrapServers, "read_uncommitted")) {
            List<TopicPartition> partitions =
                    committed.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            long settleBy = System.nanoTime() + timeout.toNanos() / 2;
            Map<TopicPartition, Long> end = committed.endOffsets(partitions);
            Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions);
            while (!end.equals(high) && System.nanoTime() < settleBy) {
                sleep();
                end = committed.endOffsets(partitions);
                high = uncommitted.endOffsets(partitions);
            }
            long hidden = 0;
            for (TopicPartition tp : partitions) {
                hidden += high.get(tp) - end.get(tp);
            }
            long unreadable = 0;
            String firstError = "";
            committed.assign(partitions);
            committed.seekToBeginning(partitions);
            while (true) {
                boolean done = true;
                for (TopicPartition tp : partitions) {
                    done &= committed.position(tp) >= end.get(tp);
                }
                if (done) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new NotifierException(
                            "did not read " + topic + " to its end within " + timeout, null);
                }
                for (ConsumerRecord<byte[], byte[]> r : committed.poll(Duration.ofMillis(500))) {
                    try {
                        out.add(EventJson.read(r.value(), IncidentUpdate.class).incident());
                    } catch (EventFormatException e) {
                        // An unreadable record is not an incident; the notifier skips it too (and
                        // logs it).
                        unreadable++;
                        firstError = firstError.isEmpty() ? e.getMessage() : firstError;
                    }
                }
            }
            long deleted =
                    committed.beginningOffsets(partitions).values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
            return new Feed(out, hidden, unreadable, firstError, deleted);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(
            String bootstrapServers, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("isolation.level", isolation);
        p.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotifierException("interrupted while waiting for open transactions", e);
        }
    }
}
