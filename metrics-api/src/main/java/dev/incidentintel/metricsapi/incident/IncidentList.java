package dev.incidentintel.metricsapi.incident;

import java.util.List;

/** A page of the incident feed, newest detected first. */
public record IncidentList(List<IncidentSummary> incidents) {
  public IncidentList {
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }
}
