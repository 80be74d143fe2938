package dev.incidentintel.correlation.flink;

import dev.incidentintel.events.IncidentAlertLink;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary serializer of {@link IncidentAlertLink} (with every attach-score component) for the links'
 * shuffle by fingerprint and inside {@link IncidentUpdateWireSerializer}.
 */
public final class IncidentAlertLinkWireSerializer
        extends ImmutableRecordSerializer<IncidentAlertLink> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final IncidentAlertLinkWireSerializer INSTANCE =
            new IncidentAlertLinkWireSerializer();

    private IncidentAlertLinkWireSerializer() {}

    @Override
    public void serialize(IncidentAlertLink l, DataOutputView out) throws IOException {
        out.writeInt(l.schemaVersion());
        WireFormat.writeString(l.incidentId(), out);
        WireFormat.writeString(l.fingerprint(), out);
        WireFormat.writeString(l.alertName(), out);
        WireFormat.writeString(l.service(), out);
        WireFormat.writeString(l.environment(), out);
        WireFormat.writeInstant(l.linkedAt(), out);
        WireFormat.writeString(l.reason(), out);
        WireFormat.writeMap(l.scoreComponents(), WireFormat::writeDouble, out);
    }

    @Override
    public IncidentAlertLink deserialize(DataInputView in) throws IOException {
        return new IncidentAlertLink(
                in.readInt(),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readInstant(in),
                WireFormat.readString(in),
                WireFormat.readMap(WireFormat::readDouble, in));
    }

    @Override
    public TypeSerializerSnapshot<IncidentAlertLink> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<IncidentAlertLink> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
