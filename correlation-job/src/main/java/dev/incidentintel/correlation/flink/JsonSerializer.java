package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.correlation.lifecycle.IncidentLifecycle;
import dev.incidentintel.correlation.recurrence.ServiceHistory;
import dev.incidentintel.events.json.EventJson;
import java.io.IOException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serialises values as length-prefixed UTF-8 JSON with the shared {@link EventJson} mapper. See
 * {@link JsonTypeInfo} for why.
 *
 * <p>Copies: the canonical event records of the {@code events} module are deeply immutable (their
 * constructors copy every collection into an unmodifiable one), so they are declared immutable and
 * a copy is the same instance; Flink then skips the copy between chained operators, which otherwise
 * cost a JSON round trip per record and operator. Anything else (the mutable state objects) is deep
 * copied when Flink asks for a copy: the heap backend asks for one of every state value touched
 * while a checkpoint is being written. The correlator's {@link ScopeState} (every tracked incident
 * of a scope, megabytes in a storm) has a hand-written deep copy for this ({@link #COPIES}), as
 * have the lifecycle and recurrence states: through JSON, those copies stalled the operators for a
 * few hundred milliseconds after each checkpoint. Records whose components are all values (strings,
 * instants, numbers, enums), such as the scope pins, are immutable too and never copied. Other
 * mutable states are copied through JSON.
 */
public final class JsonSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;
    private static final String EVENTS_PACKAGE = "dev.incidentintel.events";

    /** Deep copies that are cheaper than a JSON round trip, by state class. */
    private static final Map<Class<?>, UnaryOperator<Object>> COPIES =
            Map.of(
                    ScopeState.class, state -> ((ScopeState) state).copy(),
                    IncidentLifecycle.class, state -> ((IncidentLifecycle) state).copy(),
                    ServiceHistory.class, state -> ((ServiceHistory) state).copy());

    private final Class<T> type;
    private final boolean immutable;

    public JsonSerializer(Class<T> type) {
        this.type = type;
        this.immutable = isDeeplyImmutable(type);
    }

    /**
     * True for the records of the {@code events} module, which are deeply immutable, and for
     * records whose components are all values.
     */
    static boolean isDeeplyImmutable(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        if (type.getPackageName().equals(EVENTS_PACKAGE)) {
            return true;
        }
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            boolean value =
                    t.isPrimitive()
                            || t.isEnum()
                            || t == String.class
                            || t == java.time.Instant.class
                            || t == java.time.Duration.class
                            || t == Long.class
                            || t == Integer.class
                            || t == Double.class
                            || t == Boolean.class;
            if (!value) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isImmutableType() {
        return immutable;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this; // stateless: the shared mapper is thread-safe
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (from == null || immutable) {
            return from;
        }
        UnaryOperator<Object> copy = COPIES.get(type);
        if (copy != null) {
            return type.cast(copy.apply(from));
        }
        return EventJson.read(EventJson.toBytes(from), type);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = EventJson.toBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return EventJson.read(bytes, type);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonSerializer<?> other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /** Remembers the class; any later version of the class is compatible (JSON evolves). */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private Class<T> type;

        /** For Flink's reflective restore. */
        public Snapshot() {}

        Snapshot(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader)
                throws IOException {
            String name = in.readUTF();
            try {
                type = (Class<T>) Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("state class " + name + " no longer exists", e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new JsonSerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
                TypeSerializerSnapshot<T> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot<?> old
                    && old.type.getName().equals(type.getName())) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
