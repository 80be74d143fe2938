package dev.incidentintel.metricsapi.incident;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Objects;

/**
 * One incident with its member alerts. Serialised flat: the incident's fields plus {@code alerts}.
 */
public record IncidentDetail(@JsonUnwrapped IncidentSummary incident, List<IncidentAlert> alerts) {
  public IncidentDetail {
    Objects.requireNonNull(incident, "incident");
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }
}
