package dev.incidentintel.correlation.kafka;

import dev.incidentintel.correlation.flink.JsonTypeInfo;
import dev.incidentintel.events.json.EventFormatException;
import dev.incidentintel.events.json.EventJson;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one canonical record type from a topic. A record that is not valid JSON for the type is
 * skipped, logged with its topic, partition and offset, and counted ({@code invalid_records})
 * instead of failing the job in a restart loop on one poison message; ingest validates before
 * producing, so such records only come from other producers.
 */
public final class JsonRecordDeserializer<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JsonRecordDeserializer.class);
    private final Class<T> type;
    private transient Counter invalid;

    public JsonRecordDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        invalid = context.getMetricGroup().counter("invalid_records");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        if (record.value() == null) {
            return;
        }
        try {
            out.collect(EventJson.read(record.value(), type));
        } catch (EventFormatException e) {
            if (invalid != null) {
                invalid.inc();
            }
            LOG.warn(
                    "skipping invalid {} at {}-{}@{}: {}",
                    type.getSimpleName(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return JsonTypeInfo.of(type);
    }
}
