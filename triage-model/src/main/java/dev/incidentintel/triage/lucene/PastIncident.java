package dev.incidentintel.triage.lucene;

import dev.incidentintel.triage.TriageException;
import java.time.Instant;
import java.util.List;

/**
 * A resolved (or open) incident as the similar-incident index stores it.
 *
 * @param id incident id, unique in the index (adding the same id again replaces it)
 * @param title incident title
 * @param summary free-text summary
 * @param alertNames alert names of its members
 * @param logTemplates log templates seen during the incident
 * @param resolutionNotes what fixed it, returned with every hit
 * @param service owning service, a filter
 * @param environment prod/staging/..., a filter
 * @param category triage category, used for runbook lookup
 * @param openedAt when it opened, a filter
 */
public record PastIncident(
        String id,
        String title,
        String summary,
        List<String> alertNames,
        List<String> logTemplates,
        String resolutionNotes,
        String service,
        String environment,
        String category,
        Instant openedAt) {
    public PastIncident {
        if (id == null || id.isBlank()) {
            throw new TriageException("id", "incident id must not be blank");
        }
        if (openedAt == null) {
            throw new TriageException("openedAt", "openedAt must not be null");
        }
        title = title == null ? "" : title;
        summary = summary == null ? "" : summary;
        alertNames = alertNames == null ? List.of() : List.copyOf(alertNames);
        logTemplates = logTemplates == null ? List.of() : List.copyOf(logTemplates);
        resolutionNotes = resolutionNotes == null ? "" : resolutionNotes;
        service = service == null ? "" : service;
        environment = environment == null ? "" : environment;
        category = category == null ? "" : category;
    }
}
