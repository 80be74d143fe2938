package dev.incidentintel.ingest.kafka;

import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import dev.incidentintel.ingest.service.EventPublisher;
import dev.incidentintel.ingest.service.OutboundRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventPublisher} on a shared, thread-safe {@link KafkaProducer} (acks=all, idempotent,
 * lz4). Each {@link #publish} sends all records of one request and blocks until every one is
 * acknowledged or the ack timeout has passed, measured from the start of the call.
 *
 * <p>Failures never escape as raw Kafka exceptions: a broker that is down or slow, or a retriable
 * error, becomes {@code KAFKA_UNAVAILABLE} (logged at WARN); a non-retriable error is logged at
 * ERROR and also becomes {@code KAFKA_UNAVAILABLE}, because from the client's view the log refused
 * the write and nothing it changes in the request would help, except a record too large for the
 * broker, which becomes {@code PAYLOAD_TOO_LARGE}. Records of a timed-out call may still be
 * delivered later (at-least-once); delivery.timeout.ms is set close to the ack timeout to keep that
 * window short.
 */
public final class KafkaEventPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

    /** How long the producer may wait to fill a batch; see {@link #producerProperties}. */
    static final int LINGER_MS = 5;

    /** Largest number of best-effort sends (dead letters) waiting; more are dropped and counted. */
    static final int ASYNC_QUEUE = 10_000;

    /** How long close() waits for queued dead letters. */
    static final long ASYNC_SHUTDOWN_MS = 1000;

    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;
    private final java.util.concurrent.ThreadPoolExecutor asyncSender =
            new java.util.concurrent.ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.MILLISECONDS,
                    new java.util.concurrent.ArrayBlockingQueue<>(ASYNC_QUEUE),
                    r -> {
                        Thread t = new Thread(r, "ingest-dead-letters");
                        t.setDaemon(true);
                        return t;
                    });

    /** Wraps an existing producer; it should be configured like {@link #producerProperties}. */
    public KafkaEventPublisher(Producer<String, byte[]> producer, Duration ackTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
    }

    /** A publisher with its own producer for {@code bootstrapServers}. */
    public static KafkaEventPublisher create(String bootstrapServers, Duration ackTimeout) {
        return new KafkaEventPublisher(
                new KafkaProducer<>(producerProperties(bootstrapServers, ackTimeout)), ackTimeout);
    }

    /** The producer configuration used by {@link #create}. */
    public static Properties producerProperties(String bootstrapServers, Duration ackTimeout) {
        int timeoutMs = Math.toIntExact(Math.max(1, ackTimeout.toMillis()));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Names this producer in broker logs and client metrics.
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "incident-intel-ingest");
        // Keys are correlation-scope strings; values are EventJson bytes, already serialised.
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // A 2xx promises durability, so wait until every in-sync replica has the record.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Producer retries must neither duplicate nor reorder records within a partition.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request in flight per connection: with 5, a leader move right after topic creation
        // was
        // seen to end in OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (STACK.md).
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        // Batch concurrent webhook requests together while adding at most a few ms of latency.
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        // Alert JSON is repetitive (label names, URLs); lz4 is cheap on CPU and shrinks it well.
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // send() must not hold an HTTP thread longer than the request's ack budget when metadata is
        // unavailable (broker down) or the buffer is full.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        // A broker that does not answer within the ack budget counts as unavailable.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        // Stop retrying soon after the client got its 503, so a late write does not surprise
        // anyone;
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + LINGER_MS);
        return props;
    }

    @Override
    public void publish(List<OutboundRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
        try {
            for (OutboundRecord record : records) {
                if (!pending.isEmpty() && System.nanoTime() - deadline >= 0) {
                    break; // the deadline is shared by the whole request; the wait below reports
                    // the timeout
                }
                Future<RecordMetadata> sent =
                        producer.send(
                                new ProducerRecord<>(record.topic(), record.key(), record.value()));
                pending.add(sent);
                // With the broker down each send() blocks up to max.block.ms for metadata and
                // returns an
                // already-failed future; sending the rest would multiply the wait by the record
                // count.
                if (sent.isDone() && failedAlready(sent)) {
                    break;
                }
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while sending to Kafka", e);
        } catch (KafkaException | IllegalStateException e) {
            // Thrown synchronously only for a closed or broken producer; API errors come via the
            // future.
            LOG.error("Kafka producer refused records: {}", e.toString(), e);
            throw unavailable("Kafka producer is not available", e);
        }
        for (int i = 0; i < pending.size(); i++) {
            long remaining = deadline - System.nanoTime();
            try {
                pending.get(i).get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn(
                        "Kafka did not acknowledge {} record(s) for topic {} within {}",
                        pending.size() - i,
                        records.get(i).topic(),
                        ackTimeout);
                throw unavailable(
                        "Kafka did not acknowledge the events within "
                                + ackTimeout.toMillis()
                                + " ms",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while waiting for Kafka", e);
            } catch (ExecutionException e) {
                throw failed(records.get(i), i, e.getCause());
            }
        }
    }

    private static boolean failedAlready(Future<RecordMetadata> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void publishAsync(
            List<OutboundRecord> records, java.util.function.Consumer<Throwable> done) {
        if (records.isEmpty()) {
            done.accept(null);
            return;
        }
        try {
            // send() may block for max.block.ms (missing topic, broker down); a 4xx answer must not
            // wait
            // for that, so best-effort sends run on their own thread with a bounded queue.
            asyncSender.execute(() -> sendAsync(records, done));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.accept(e);
        }
    }

    private void sendAsync(
            List<OutboundRecord> records, java.util.function.Consumer<Throwable> done) {
        java.util.concurrent.atomic.AtomicInteger remaining =
                new java.util.concurrent.atomic.AtomicInteger(records.size());
        java.util.concurrent.atomic.AtomicBoolean reported =
                new java.util.concurrent.atomic.AtomicBoolean();
        try {
            for (OutboundRecord record : records) {
                producer.send(
                        new ProducerRecord<>(record.topic(), record.key(), record.value()),
                        (metadata, exception) -> {
                            if (exception != null) {
                                if (reported.compareAndSet(false, true)) {
                                    done.accept(exception);
                                }
                            } else if (remaining.decrementAndGet() == 0
                                    && reported.compareAndSet(false, true)) {
                                done.accept(null);
                            }
                        });
            }
        } catch (RuntimeException e) {
            if (reported.compareAndSet(false, true)) {
                done.accept(e);
            }
        }
    }

    private static IngestException failed(OutboundRecord record, int index, Throwable cause) {
        if (cause instanceof RecordTooLargeException) {
            LOG.warn(
                    "record {} for topic {} is too large for Kafka: {}",
                    index,
                    record.topic(),
                    cause.toString());
            return new IngestException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    null,
                    "event "
                            + index
                            + " of this request is larger than Kafka accepts for one record",
                    cause);
        }
        if (cause instanceof RetriableException) {
            LOG.warn(
                    "Kafka send to topic {} failed (retriable): {}",
                    record.topic(),
                    cause.toString());
        } else {
            // Non-retriable (authorisation, invalid topic, ...) needs an operator, hence ERROR with
            // trace.
            LOG.error("Kafka send to topic {} failed (non-retriable)", record.topic(), cause);
        }
        return unavailable("Kafka did not accept the events", cause);
    }

    private static IngestException unavailable(String message, Throwable cause) {
        return new IngestException(ErrorCode.KAFKA_UNAVAILABLE, null, message, cause);
    }

    @Override
    public void close() {
        // Dead letters are best-effort: give queued ones a moment, then interrupt a send that is
        // stuck waiting for metadata (e.g. a DLQ topic that does not exist) instead of holding
        // shutdown.
        asyncSender.shutdown();
        try {
            if (!asyncSender.awaitTermination(
                    Math.min(ackTimeout.toMillis(), ASYNC_SHUTDOWN_MS), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "dead-letter sends still pending at shutdown are abandoned ({} queued)",
                        asyncSender.getQueue().size());
                asyncSender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Give in-flight records of finishing requests the same budget they were promised.
        producer.close(ackTimeout);
    }
}
