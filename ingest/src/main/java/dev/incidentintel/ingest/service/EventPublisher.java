package dev.incidentintel.ingest.service;

import dev.incidentintel.ingest.IngestException;
import java.util.List;

/**
 * Publishes the records of one request durably. Implementations must not return before every record
 * was acknowledged by the log (for Kafka: by all in-sync replicas), because ingest answers 2xx only
 * after that.
 *
 * <p>Failures are reported as {@link IngestException}: {@code KAFKA_UNAVAILABLE} when the log is
 * down, slow or refused a record (the client should retry), {@code PAYLOAD_TOO_LARGE} when a record
 * exceeds what the log accepts. A failed call may still have written some of the records (delivery
 * is at-least-once); consumers deduplicate by fingerprint.
 */
public interface EventPublisher extends AutoCloseable {

    /** Publishes all records and waits for their acknowledgement. */
    void publish(List<OutboundRecord> records);

    /**
     * Sends records without waiting; {@code done} is called once with {@code null} when all were
     * acknowledged or with the first failure. Used for dead letters, whose delivery is best-effort
     * because the request is answered 4xx either way. The default publishes synchronously.
     */
    default void publishAsync(
            List<OutboundRecord> records, java.util.function.Consumer<Throwable> done) {
        try {
            publish(records);
            done.accept(null);
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    /** Releases the connection; does not throw checked exceptions. */
    @Override
    void close();
}
