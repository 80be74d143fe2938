package dev.incidentintel.metricsapi.incident;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Objects;

/**
 * One incident with its member alerts and its timeline (milestones and lifecycle steps in time
 * order). Serialised flat: the incident's fields plus {@code alerts} and {@code timeline}.
 */
public record IncidentDetail(
        @JsonUnwrapped IncidentSummary incident,
        List<IncidentAlert> alerts,
        List<TimelineEntry> timeline) {
    public IncidentDetail {
        Objects.requireNonNull(incident, "incident");
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
}
