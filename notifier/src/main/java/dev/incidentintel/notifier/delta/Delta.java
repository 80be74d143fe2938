package dev.incidentintel.notifier.delta;

import dev.incidentintel.events.Incident;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One notification-worthy change of an incident: its kind, the changes since the last notification
 * (each with a sentence), the incident now, and the view to remember once decided.
 *
 * @param kind open, update or resolve
 * @param incident the incident snapshot that produced it
 * @param changes what changed since the last notification; never empty
 * @param view what to remember as notified
 */
public record Delta(
        NotificationKind kind, Incident incident, List<ChangeDetail> changes, NotifiedView view) {
    public Delta {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(view, "view");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a delta names at least one change");
        }
    }

    /** Idempotency key of this change on one channel: incident id, version and channel. */
    public String idempotencyKey(String channel) {
        return incident.id() + ":" + incident.version() + ":" + channel;
    }

    /** The change sentences joined with {@code "; "}. */
    public String whatChanged() {
        return changes.stream().map(ChangeDetail::description).collect(Collectors.joining("; "));
    }

    /** The change names, in order. */
    public List<String> changeNames() {
        return changes.stream().map(c -> c.change().json()).toList();
    }
}
