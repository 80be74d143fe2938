package dev.incidentintel.triage;

import java.util.List;
import java.util.Map;

/**
 * What the model sees of a ticket or an incident. Only {@code title} is required (it may be empty);
 * every other field is optional. {@code impact} and {@code urgency}, when stated, take precedence
 * over the model's own impact and urgency predictions in the priority matrix.
 *
 * @param title short summary (ticket title, incident title)
 * @param description free text (ticket body, incident summary, log templates)
 * @param alertNames alert names of the incident's members
 * @param labels alert labels; each becomes a {@code key=value} feature
 * @param severity severity as the source states it (critical, error, warning, ...)
 * @param source origin (alertmanager, email, portal, ...)
 * @param services affected services; the count is a feature
 * @param environment prod, staging, ...; a feature, and a filter for similar incidents
 * @param impact stated impact (high/medium/low, company/department/individual, 1..3), or null
 * @param urgency stated urgency (high/medium/low, 1..3), or null
 */
public record TriageInput(
        String title,
        String description,
        List<String> alertNames,
        Map<String, String> labels,
        String severity,
        String source,
        List<String> services,
        String environment,
        String impact,
        String urgency) {

    public TriageInput {
        if (title == null) {
            throw new TriageException("title", "title must not be null (use an empty string)");
        }
        description = description == null ? "" : description;
        alertNames = alertNames == null ? List.of() : List.copyOf(alertNames);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A ticket with only text. */
    public static TriageInput ofText(String title, String description) {
        return new TriageInput(title, description, null, null, null, null, null, null, null, null);
    }

    /** A copy with impact and urgency stated. */
    public TriageInput withImpactUrgency(String newImpact, String newUrgency) {
        return new TriageInput(
                title,
                description,
                alertNames,
                labels,
                severity,
                source,
                services,
                environment,
                newImpact,
                newUrgency);
    }
}
