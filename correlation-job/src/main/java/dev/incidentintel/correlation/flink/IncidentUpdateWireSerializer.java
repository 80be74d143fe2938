package dev.incidentintel.correlation.flink;

import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.SuspectDeploy;
import dev.incidentintel.events.Tier;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary serializer of {@link IncidentUpdate} (the incident snapshot, the change and the new links)
 * for the exchanges after the correlator: into the lifecycle, recurrence and triage stages. Field
 * by field, see {@link WireFormat}; links as {@link IncidentAlertLinkWireSerializer} writes them.
 */
public final class IncidentUpdateWireSerializer extends ImmutableRecordSerializer<IncidentUpdate> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final IncidentUpdateWireSerializer INSTANCE = new IncidentUpdateWireSerializer();

    private IncidentUpdateWireSerializer() {}

    @Override
    public void serialize(IncidentUpdate u, DataOutputView out) throws IOException {
        writeIncident(u.incident(), out);
        WireFormat.writeEnum(u.change(), out);
        WireFormat.writeList(
                u.newLinks(), IncidentAlertLinkWireSerializer.INSTANCE::serialize, out);
    }

    @Override
    public IncidentUpdate deserialize(DataInputView in) throws IOException {
        return new IncidentUpdate(
                readIncident(in),
                WireFormat.readEnum(IncidentChange.class, in),
                WireFormat.readList(IncidentAlertLinkWireSerializer.INSTANCE::deserialize, in));
    }

    private static void writeIncident(Incident i, DataOutputView out) throws IOException {
        out.writeInt(i.schemaVersion());
        WireFormat.writeString(i.source(), out);
        WireFormat.writeInstant(i.eventTime(), out);
        WireFormat.writeString(i.id(), out);
        out.writeLong(i.version());
        WireFormat.writeString(i.title(), out);
        WireFormat.writeString(i.environment(), out);
        WireFormat.writeList(i.services(), WireFormat::writeString, out);
        WireFormat.writeEnum(i.severity(), out);
        WireFormat.writeEnum(i.status(), out);
        WireFormat.writeInstant(i.impactStart(), out);
        WireFormat.writeInstant(i.detectedAt(), out);
        WireFormat.writeInstant(i.acknowledgedAt(), out);
        WireFormat.writeInstant(i.mitigatedAt(), out);
        WireFormat.writeInstant(i.resolvedAt(), out);
        WireFormat.writeInstant(i.closedAt(), out);
        out.writeInt(i.alertCount());
        out.writeInt(i.firingCount());
        out.writeLong(i.notificationCount());
        WireFormat.writeString(i.priority(), out);
        WireFormat.writeString(i.category(), out);
        WireFormat.writeString(i.team(), out);
        out.writeDouble(i.triageConfidence());
        WireFormat.writeEnum(i.tier(), out);
        out.writeInt(i.escalations());
        out.writeInt(i.reopenCount());
        out.writeInt(i.flappingAlerts());
        WireFormat.writeList(i.suspectDeploys(), IncidentUpdateWireSerializer::writeSuspect, out);
        WireFormat.writeString(i.signature(), out);
        WireFormat.writeString(i.recurrenceOf(), out);
        WireFormat.writeString(i.rarity(), out);
    }

    private static Incident readIncident(DataInputView in) throws IOException {
        return new Incident(
                in.readInt(),
                WireFormat.readString(in),
                WireFormat.readInstant(in),
                WireFormat.readString(in),
                in.readLong(),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readList(WireFormat::readString, in),
                WireFormat.readEnum(Severity.class, in),
                WireFormat.readEnum(IncidentStatus.class, in),
                WireFormat.readInstant(in),
                WireFormat.readInstant(in),
                WireFormat.readInstant(in),
                WireFormat.readInstant(in),
                WireFormat.readInstant(in),
                WireFormat.readInstant(in),
                in.readInt(),
                in.readInt(),
                in.readLong(),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readString(in),
                in.readDouble(),
                WireFormat.readEnum(Tier.class, in),
                in.readInt(),
                in.readInt(),
                in.readInt(),
                WireFormat.readList(IncidentUpdateWireSerializer::readSuspect, in),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readString(in));
    }

    private static void writeSuspect(SuspectDeploy s, DataOutputView out) throws IOException {
        WireFormat.writeString(s.service(), out);
        WireFormat.writeString(s.environment(), out);
        WireFormat.writeString(s.version(), out);
        WireFormat.writeString(s.commit(), out);
        WireFormat.writeEnum(s.status(), out);
        WireFormat.writeInstant(s.deployedAt(), out);
        WireFormat.writeString(s.url(), out);
        out.writeDouble(s.score());
        WireFormat.writeMap(s.components(), WireFormat::writeDouble, out);
    }

    private static SuspectDeploy readSuspect(DataInputView in) throws IOException {
        return new SuspectDeploy(
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readString(in),
                WireFormat.readEnum(DeployStatus.class, in),
                WireFormat.readInstant(in),
                WireFormat.readString(in),
                in.readDouble(),
                WireFormat.readMap(WireFormat::readDouble, in));
    }

    @Override
    public TypeSerializerSnapshot<IncidentUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<IncidentUpdate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
