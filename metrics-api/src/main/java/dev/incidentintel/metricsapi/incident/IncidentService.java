package dev.incidentintel.metricsapi.incident;

import dev.incidentintel.metricsapi.ApiException;
import java.util.Objects;

/** Incident feed and detail, independent of HTTP. */
public final class IncidentService {
  /** Longest accepted incident id; ids are generated and far shorter. */
  public static final int MAX_ID_LENGTH = 256;

  private final IncidentRepository repository;

  public IncidentService(IncidentRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  /** The incidents matching {@code filter}. */
  public IncidentList list(IncidentFilter filter) {
    return new IncidentList(repository.find(Objects.requireNonNull(filter, "filter")));
  }

  /**
   * One incident with its member alerts.
   *
   * @throws ApiException {@code not_found} when no incident has this id
   */
  public IncidentDetail detail(String id) {
    if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw ApiException.invalid("id", "id must be 1.." + MAX_ID_LENGTH + " characters");
    }
    IncidentSummary incident =
        repository
            .findById(id)
            .orElseThrow(() -> ApiException.notFound("id", "no incident with id '" + id + "'"));
    return new IncidentDetail(incident, repository.alertsOf(id));
  }
}
