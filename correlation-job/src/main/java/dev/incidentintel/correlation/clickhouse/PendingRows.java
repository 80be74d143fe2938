package dev.incidentintel.correlation.clickhouse;

import dev.incidentintel.events.json.EventJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The ClickHouse sink's checkpointed state: elements handed to the sink before a checkpoint barrier
 * whose rows were not yet confirmed stored when the checkpoint was taken. A writer restored from
 * the checkpoint inserts them first; rows that had been stored after all replace themselves (the
 * tables are ReplacingMergeTree), so a completed checkpoint never loses a row and the checkpoint
 * does not have to wait for ClickHouse.
 *
 * @param elements the unconfirmed elements, in the order they were written
 */
public record PendingRows<T>(List<T> elements) {

    public PendingRows {
        elements = List.copyOf(elements);
    }

    /**
     * Writes pending elements as their JSON ({@link EventJson}), the job's format for anything
     * restored from a checkpoint: records keep their {@code schemaVersion}, so state written by one
     * release restores in the next. Version 1: element count, then each element's length and bytes.
     */
    public static final class Serializer<T> implements SimpleVersionedSerializer<PendingRows<T>> {
        private final Class<T> type;

        public Serializer(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(PendingRows<T> state) throws IOException {
            ByteArrayOutputStream bytes =
                    new ByteArrayOutputStream(256 * (state.elements().size() + 1));
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(state.elements().size());
                for (T element : state.elements()) {
                    byte[] json = EventJson.toBytes(element);
                    out.writeInt(json.length);
                    out.write(json);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public PendingRows<T> deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException(
                        "unknown ClickHouse sink state version "
                                + version
                                + " (this release reads 1)");
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int count = in.readInt();
                if (count < 0) {
                    throw new IOException(
                            "corrupt ClickHouse sink state: negative element count " + count);
                }
                List<T> elements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    byte[] json = new byte[in.readInt()];
                    in.readFully(json);
                    elements.add(EventJson.read(json, type));
                }
                return new PendingRows<>(elements);
            }
        }
    }
}
