package dev.incidentintel.correlation.flink;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Field encodings shared by the binary serializers of the job's internal exchanges: strings in
 * Flink's {@link StringValue} encoding (null-safe, no 64 KiB limit), instants as seconds and
 * nanoseconds, enums by name (stable when constants are added or reordered), maps as a count and
 * pairs.
 */
final class WireFormat {
    private WireFormat() {}

    static void writeString(String value, DataOutputView out) throws IOException {
        StringValue.writeString(value, out);
    }

    static String readString(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    static void writeInstant(Instant value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeBoolean(false);
            return;
        }
        out.writeBoolean(true);
        out.writeLong(value.getEpochSecond());
        out.writeInt(value.getNano());
    }

    static Instant readInstant(DataInputView in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        writeString(value == null ? null : value.name(), out);
    }

    static <E extends Enum<E>> E readEnum(Class<E> type, DataInputView in) throws IOException {
        String name = readString(in);
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** A map as a count and key-value pairs ({@code -1}: null), values by {@code value}. */
    static <V> void writeMap(Map<String, V> map, ElementWriter<V> value, DataOutputView out)
            throws IOException {
        if (map == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(map.size());
        for (Map.Entry<String, V> e : map.entrySet()) {
            writeString(e.getKey(), out);
            value.write(e.getValue(), out);
        }
    }

    static <V> Map<String, V> readMap(ElementReader<V> value, DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            return null;
        }
        Map<String, V> map = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put(readString(in), value.read(in));
        }
        return map;
    }

    static void writeDouble(Double value, DataOutputView out) throws IOException {
        out.writeDouble(value);
    }

    static Double readDouble(DataInputView in) throws IOException {
        return in.readDouble();
    }

    /** Writes one list element. */
    interface ElementWriter<E> {
        void write(E element, DataOutputView out) throws IOException;
    }

    /** Reads one list element. */
    interface ElementReader<E> {
        E read(DataInputView in) throws IOException;
    }

    static <E> void writeList(List<E> list, ElementWriter<E> element, DataOutputView out)
            throws IOException {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (E e : list) {
            element.write(e, out);
        }
    }

    static <E> List<E> readList(ElementReader<E> element, DataInputView in) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            return null;
        }
        List<E> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.read(in));
        }
        return list;
    }
}
