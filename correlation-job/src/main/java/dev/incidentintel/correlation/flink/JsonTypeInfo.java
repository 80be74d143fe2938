package dev.incidentintel.correlation.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for a class stored as JSON (canonical records on the wire, correlation
 * state in checkpoints). JSON rather than Kryo so that state written by one version of the job can
 * be restored by the next one after fields were added: unknown fields are ignored, missing ones
 * take their defaults.
 */
public final class JsonTypeInfo<T> extends RecordTypeInfo<T> {
    private static final long serialVersionUID = 1L;

    public JsonTypeInfo(Class<T> type) {
        super(type);
    }

    public static <T> JsonTypeInfo<T> of(Class<T> type) {
        return new JsonTypeInfo<>(type);
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new JsonSerializer<>(getTypeClass());
    }
}
