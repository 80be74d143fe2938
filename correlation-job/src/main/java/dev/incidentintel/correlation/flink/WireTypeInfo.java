package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.scope.ScopedAlert;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.IncidentAlertLink;
import dev.incidentintel.events.IncidentUpdate;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for the records that cross the job's internal exchanges most often, with
 * their hand-written binary serializers ({@link AlertEventWireSerializer}, {@link
 * ScopedAlertWireSerializer}, {@link IncidentUpdateWireSerializer}, {@link
 * IncidentAlertLinkWireSerializer}). Streams only: keyed state keeps {@link JsonTypeInfo}.
 */
public final class WireTypeInfo<T> extends RecordTypeInfo<T> {
    private static final long serialVersionUID = 1L;

    /** Alerts between the source, the scope assigner and the alert-rate counter. */
    public static final WireTypeInfo<AlertEvent> ALERT =
            new WireTypeInfo<>(AlertEvent.class, AlertEventWireSerializer.INSTANCE);

    /** Scoped alerts into the correlator. */
    public static final WireTypeInfo<ScopedAlert> SCOPED_ALERT =
            new WireTypeInfo<>(ScopedAlert.class, ScopedAlertWireSerializer.INSTANCE);

    /** Incident updates after the correlator: lifecycle, recurrence, triage. */
    public static final WireTypeInfo<IncidentUpdate> INCIDENT_UPDATE =
            new WireTypeInfo<>(IncidentUpdate.class, IncidentUpdateWireSerializer.INSTANCE);

    /** Alert-to-incident links, shuffled by fingerprint. */
    public static final WireTypeInfo<IncidentAlertLink> LINK =
            new WireTypeInfo<>(IncidentAlertLink.class, IncidentAlertLinkWireSerializer.INSTANCE);

    private final TypeSerializer<T> serializer;

    private WireTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
        super(type);
        this.serializer = serializer;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }
}
