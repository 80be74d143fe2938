package dev.incidentintel.events;

import java.util.List;

/**
 * One message on {@code incidents.v1}: the incident snapshot after a change, the change itself, and
 * the alert links the change added (empty when no alert joined).
 */
public record IncidentUpdate(
        Incident incident, IncidentChange change, List<IncidentAlertLink> newLinks) {

    public IncidentUpdate {
        Checks.required(incident, "incident");
        Checks.required(change, "change");
        newLinks = Checks.listCopy(newLinks);
    }
}
