package dev.incidentintel.metricsapi.incident;

import dev.incidentintel.metricsapi.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Incident feed and detail, independent of HTTP. */
public final class IncidentService {
    /** Longest accepted incident id; ids are generated and far shorter. */
    public static final int MAX_ID_LENGTH = 256;

    private final IncidentRepository repository;

    public IncidentService(IncidentRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** One page of the incidents matching {@code filter}, with the cursor of the next page. */
    public IncidentList list(IncidentFilter filter) {
        Objects.requireNonNull(filter, "filter");
        FeedCursor.Page<IncidentSummary> page =
                FeedCursor.page(
                        repository.find(filter),
                        filter.limit(),
                        i -> new FeedCursor(i.detectedAt(), i.id()));
        return new IncidentList(page.items(), page.nextCursor());
    }

    /**
     * One incident with its member alerts and timeline.
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
                        .orElseThrow(
                                () ->
                                        ApiException.notFound(
                                                "id", "no incident with id '" + id + "'"));
        return new IncidentDetail(
                incident, repository.alertsOf(id), timeline(incident, repository.lifecycleOf(id)));
    }

    /**
     * The incident's own milestones merged with its lifecycle steps, in time order; at equal times
     * a milestone comes first (the incident was detected before anyone could acknowledge it).
     */
    static List<TimelineEntry> timeline(IncidentSummary incident, List<TimelineEntry> lifecycle) {
        List<TimelineEntry> out = new ArrayList<>();
        milestone(out, incident.impactStart(), "impact-start");
        milestone(out, incident.detectedAt(), "detected");
        milestone(out, incident.acknowledgedAt(), "acknowledged");
        milestone(out, incident.mitigatedAt(), "mitigated");
        milestone(out, incident.resolvedAt(), "resolved");
        milestone(out, incident.closedAt(), "closed");
        int milestones = out.size();
        out.addAll(lifecycle);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            order.add(i);
        }
        order.sort(
                Comparator.<Integer, Instant>comparing(i -> out.get(i).at())
                        .thenComparing(i -> i < milestones ? 0 : 1)
                        .thenComparing(i -> i));
        return order.stream().map(out::get).toList();
    }

    private static void milestone(List<TimelineEntry> out, Instant at, String action) {
        if (at != null) {
            out.add(new TimelineEntry(at, action, "", "", "", "", "incident"));
        }
    }
}
