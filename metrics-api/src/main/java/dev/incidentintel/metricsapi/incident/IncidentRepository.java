package dev.incidentintel.metricsapi.incident;

import java.util.List;
import java.util.Optional;

/**
 * Reads incidents from the store. Implementations return the latest version of each incident only;
 * storage failures surface as {@link dev.incidentintel.metricsapi.ApiException}.
 */
public interface IncidentRepository {
    /**
     * Incidents matching {@code filter} after its cursor, newest detected first, with their
     * fingerprints; at most {@code filter.limit() + 1}, so the caller can tell whether a next page
     * exists.
     */
    List<IncidentSummary> find(IncidentFilter filter);

    /** One incident with its fingerprints, if it exists. */
    Optional<IncidentSummary> findById(String id);

    /** The member alerts of one incident, in link order. */
    List<IncidentAlert> alertsOf(String id);

    /** The lifecycle steps recorded for one incident, in time order. */
    List<TimelineEntry> lifecycleOf(String id);
}
