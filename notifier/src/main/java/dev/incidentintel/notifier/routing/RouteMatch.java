package dev.incidentintel.notifier.routing;

import dev.incidentintel.events.Incident;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which incidents a rule applies to. Each list is a set of accepted values; an empty list accepts
 * anything. An incident matches when every non-empty list accepts it (for services: when it affects
 * at least one listed service). Values compare exactly, except priorities and severities, which
 * ignore case.
 */
public record RouteMatch(
        List<String> environments,
        List<String> services,
        List<String> teams,
        List<String> priorities,
        List<String> categories,
        List<String> severities) {

    public RouteMatch {
        environments = List.copyOf(environments);
        services = List.copyOf(services);
        teams = List.copyOf(teams);
        priorities = priorities.stream().map(p -> p.toUpperCase(java.util.Locale.ROOT)).toList();
        categories = List.copyOf(categories);
        severities = severities.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** Matches every incident. */
    public static RouteMatch any() {
        return new RouteMatch(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** True when every non-empty condition accepts {@code incident}. */
    public boolean matches(Incident incident) {
        Set<String> affected = new TreeSet<>(incident.services());
        affected.retainAll(services);
        return accepts(environments, incident.environment())
                && (services.isEmpty() || !affected.isEmpty())
                && accepts(teams, incident.team())
                && accepts(priorities, incident.priority().toUpperCase(java.util.Locale.ROOT))
                && accepts(categories, incident.category())
                && accepts(severities, incident.severity().json());
    }

    private static boolean accepts(List<String> accepted, String value) {
        return accepted.isEmpty() || accepted.contains(value);
    }
}
