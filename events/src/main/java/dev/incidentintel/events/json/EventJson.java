package dev.incidentintel.events.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.incidentintel.events.InvalidEventException;
import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON mapping for canonical records: ISO-8601 instants, unknown fields ignored (so a newer
 * writer does not break an older reader), nulls omitted.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .addModule(
                            new SimpleModule("iso-instant")
                                    .addSerializer(Instant.class, new IsoInstantSerializer())
                                    .addDeserializer(Instant.class, new IsoInstantDeserializer()))
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                    .serializationInclusion(JsonInclude.Include.NON_NULL)
                    .build();

    private EventJson() {}

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises a record to UTF-8 JSON bytes. */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serialises a record to a JSON string. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a record from JSON bytes.
     *
     * @throws EventFormatException when the bytes are not valid JSON for {@code type}, naming the
     *     offending field where Jackson or the record's validation knows it
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidEventException invalid) {
                throw new EventFormatException(invalid.field(), invalid.getMessage(), e);
            }
            throw new EventFormatException(null, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventFormatException(
                    null, "not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
