package dev.incidentintel.notifier.delta;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.SuspectDeploy;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the notifier last told people about one incident: the fields deltas are computed against.
 * Kept per incident in memory and stored with every notification row, so a restarted notifier
 * restores it and computes the same deltas (hence the same idempotency keys) again.
 *
 * @param incidentId the incident
 * @param version incident version of the last notification
 * @param status status then
 * @param severity severity then
 * @param priority priority then ({@code ""} when unknown)
 * @param services services affected then, sorted
 * @param suspects suspect deploy references ({@link SuspectDeploy#ref()}) then, sorted
 * @param reopenCount reopen count then
 * @param title title then (shown in the notifications list, not compared)
 * @param environment environment (shown, not compared)
 */
public record NotifiedView(
        String incidentId,
        long version,
        IncidentStatus status,
        Severity severity,
        String priority,
        List<String> services,
        List<String> suspects,
        int reopenCount,
        String title,
        String environment) {

    public NotifiedView {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(status, "status");
        severity = severity == null ? Severity.UNKNOWN : severity;
        priority = priority == null ? "" : priority;
        services = List.copyOf(new TreeSet<>(services));
        suspects = List.copyOf(new TreeSet<>(suspects));
        title = title == null ? "" : title;
        environment = environment == null ? "" : environment;
    }

    /** The view of {@code incident} as it is now. */
    public static NotifiedView of(Incident incident) {
        return new NotifiedView(
                incident.id(),
                incident.version(),
                incident.status(),
                incident.severity(),
                incident.priority(),
                incident.services(),
                incident.suspectDeploys().stream().map(SuspectDeploy::ref).toList(),
                incident.reopenCount(),
                incident.title(),
                incident.environment());
    }

    /** True while the incident was open at the last notification. */
    public boolean open() {
        return status == IncidentStatus.OPEN;
    }
}
