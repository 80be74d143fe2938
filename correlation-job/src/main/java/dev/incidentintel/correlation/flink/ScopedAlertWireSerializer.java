package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.scope.ScopedAlert;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary serializer of {@link ScopedAlert} (the scope, then the alert as {@link
 * AlertEventWireSerializer} writes it) for the shuffle into the correlator.
 */
public final class ScopedAlertWireSerializer extends ImmutableRecordSerializer<ScopedAlert> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final ScopedAlertWireSerializer INSTANCE = new ScopedAlertWireSerializer();

    private ScopedAlertWireSerializer() {}

    @Override
    public void serialize(ScopedAlert record, DataOutputView out) throws IOException {
        WireFormat.writeString(record.scope(), out);
        AlertEventWireSerializer.INSTANCE.serialize(record.alert(), out);
    }

    @Override
    public ScopedAlert deserialize(DataInputView in) throws IOException {
        return new ScopedAlert(
                WireFormat.readString(in), AlertEventWireSerializer.INSTANCE.deserialize(in));
    }

    @Override
    public TypeSerializerSnapshot<ScopedAlert> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ScopedAlert> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
