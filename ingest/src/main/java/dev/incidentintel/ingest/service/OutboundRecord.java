package dev.incidentintel.ingest.service;

import java.util.Objects;

/**
 * One record to publish: destination topic, partitioning key and serialised value. Keeping the
 * publisher at this level (rather than per event type) lets later inputs (lifecycle, deploys, logs)
 * reuse the same Kafka adapter with their own topics and keys.
 *
 * <p>The value array is not copied; callers hand over ownership.
 */
public record OutboundRecord(String topic, String key, byte[] value) {
    public OutboundRecord {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
