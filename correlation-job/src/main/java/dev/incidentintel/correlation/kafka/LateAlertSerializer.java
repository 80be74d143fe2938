package dev.incidentintel.correlation.kafka;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes alerts the correlator found too late to correlate to the late-alerts topic, unchanged (the
 * same JSON as {@code alerts.v1}, so they can be inspected or replayed), keyed by scope.
 */
public final class LateAlertSerializer implements KafkaRecordSerializationSchema<AlertEvent> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    public LateAlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            AlertEvent alert,
            KafkaRecordSerializationSchema.KafkaSinkContext context,
            Long timestamp) {
        // Send time, not event time, as record timestamp: late alerts are old by definition, and an
        // event-time timestamp beyond retention.ms would be deleted by the broker's next retention
        // check.
        return new ProducerRecord<>(
                topic,
                null,
                (Long) null,
                alert.scopeKey().getBytes(StandardCharsets.UTF_8),
                EventJson.toBytes(alert));
    }
}
