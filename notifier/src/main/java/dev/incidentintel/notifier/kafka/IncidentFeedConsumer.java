package dev.incidentintel.notifier.kafka;

import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.json.EventFormatException;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.notifier.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@code incidents.v1} into a {@link Notifier}: polls, hands each update over, and commits
 * the offsets only after every notification of the batch has its outcome recorded, so a crash
 * replays the batch (the notifier's restored views and idempotency keys make the replay send
 * nothing twice). Reads {@code read_committed}: the job writes the topic in Flink transactions, and
 * an aborted transaction's updates never happened.
 */
public final class IncidentFeedConsumer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentFeedConsumer.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Notifier notifier;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Duration pollTimeout;

    /**
     * @param bootstrapServers Kafka brokers
     * @param topic the incident feed (normally {@code incidents.v1})
     * @param groupId consumer group; its committed offsets are where a restart resumes
     * @param notifier the notifier, already restored
     */
    public IncidentFeedConsumer(
            String bootstrapServers, String topic, String groupId, Notifier notifier) {
        this.consumer =
                new KafkaConsumer<>(
                        properties(bootstrapServers, groupId),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
        this.notifier = notifier;
        this.pollTimeout = Duration.ofMillis(500);
        consumer.subscribe(List.of(topic));
    }

    /** Consumer settings, each with its reason. */
    static Properties properties(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", groupId);
        // Only updates of committed Flink transactions (exactly-once output of the job).
        p.put("isolation.level", "read_committed");
        // Offsets are committed by hand after the batch's outcomes are recorded.
        p.put("enable.auto.commit", "false");
        // A new group starts at the beginning: the restored views skip what was notified before.
        p.put("auto.offset.reset", "earliest");
        // Retries with backoff can hold a batch for minutes; small batches keep that bounded.
        p.put("max.poll.records", "50");
        p.put("max.poll.interval.ms", "900000");
        return p;
    }

    /** Polls until {@link #close()}; the loop's thread delivers notifications. */
    @Override
    public void run() {
        try {
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    IncidentUpdate update;
                    try {
                        update = EventJson.read(r.value(), IncidentUpdate.class);
                    } catch (EventFormatException e) {
                        LOG.warn(
                                "skipping unreadable record {}-{}@{}: {}",
                                r.topic(),
                                r.partition(),
                                r.offset(),
                                e.getMessage());
                        continue;
                    }
                    notifier.onUpdate(update);
                }
                notifier.flushDigests();
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Stops the loop (from another thread); uncommitted records are handled again next start. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
