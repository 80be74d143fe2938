package dev.incidentintel.metricsapi.incident;

import java.util.List;

/**
 * A page of the incident feed, newest detected first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last page
 */
public record IncidentList(List<IncidentSummary> incidents, String nextCursor) {
    public IncidentList {
        incidents = incidents == null ? List.of() : List.copyOf(incidents);
    }

    public IncidentList(List<IncidentSummary> incidents) {
        this(incidents, null);
    }
}
