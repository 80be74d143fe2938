package dev.incidentintel.notifier.delta;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether an incident update is worth a notification, comparing the incident with the view
 * last notified (not with the previous update): one notification when it opens, one per material
 * change, one when it resolves, never one per member alert.
 *
 * <p>Open and resolve are always notified. A change between them is notified only if it is in the
 * material set (default {@link #DEFAULT_MATERIAL}); when several happened since the last
 * notification, one notification lists them all. An update at or below the last notified version (a
 * replay) is never notified again. Pure and deterministic: the same view and incident give the same
 * delta, which is what makes idempotency keys stable across restarts.
 */
public final class DeltaPolicy {
    /** Material changes unless configured otherwise (severity alone is not one). */
    public static final Set<Change> DEFAULT_MATERIAL =
            EnumSet.of(
                    Change.REOPENED,
                    Change.PRIORITY_RAISED,
                    Change.SERVICE_ADDED,
                    Change.SUSPECT_DEPLOY_FOUND);

    private final Set<Change> material;

    /**
     * @param material the changes between open and resolve that deserve a notification
     */
    public DeltaPolicy(Set<Change> material) {
        this.material =
                material.isEmpty() ? EnumSet.noneOf(Change.class) : EnumSet.copyOf(material);
    }

    /** A policy with {@link #DEFAULT_MATERIAL}. */
    public static DeltaPolicy defaults() {
        return new DeltaPolicy(DEFAULT_MATERIAL);
    }

    public Set<Change> material() {
        return EnumSet.copyOf(material.isEmpty() ? EnumSet.noneOf(Change.class) : material);
    }

    /**
     * The notification {@code now} deserves given what was notified last.
     *
     * @param last the last notified view of this incident, or {@code null} when none was sent
     * @param now the incident after the update
     * @return the delta, or empty when nothing worth notifying changed
     */
    public Optional<Delta> decide(NotifiedView last, Incident now) {
        NotifiedView view = NotifiedView.of(now);
        if (last == null) {
            // A first sight of a closed incident was never announced: nothing to resolve.
            return now.open()
                    ? Optional.of(
                            new Delta(
                                    NotificationKind.OPEN,
                                    now,
                                    List.of(
                                            new ChangeDetail(
                                                    Change.OPENED, "opened: " + now.title())),
                                    view))
                    : Optional.empty();
        }
        if (now.version() <= last.version()) {
            return Optional.empty();
        }
        if (last.open() && !now.open()) {
            String how =
                    now.status() == IncidentStatus.STALE
                            ? "closed as stale (no signal)"
                            : "resolved";
            return Optional.of(
                    new Delta(
                            NotificationKind.RESOLVE,
                            now,
                            List.of(new ChangeDetail(Change.RESOLVED, how)),
                            view));
        }
        if (!now.open()) {
            return Optional.empty();
        }
        List<ChangeDetail> changes = new ArrayList<>();
        if (!last.open()) {
            add(
                    changes,
                    Change.REOPENED,
                    "reopened ("
                            + now.reopenCount()
                            + (now.reopenCount() == 1 ? " time)" : " times)"));
        }
        if (rank(now.priority()) < rank(last.priority())) {
            add(
                    changes,
                    Change.PRIORITY_RAISED,
                    "priority "
                            + (last.priority().isEmpty() ? "none" : last.priority())
                            + " -> "
                            + now.priority());
        }
        if (now.severity().moreSevereThan(last.severity())) {
            add(
                    changes,
                    Change.SEVERITY_RAISED,
                    "severity " + last.severity().json() + " -> " + now.severity().json());
        }
        Set<String> newServices = new TreeSet<>(view.services());
        newServices.removeAll(last.services());
        if (!newServices.isEmpty()) {
            add(
                    changes,
                    Change.SERVICE_ADDED,
                    (newServices.size() == 1 ? "new service " : "new services ")
                            + String.join(", ", newServices));
        }
        List<String> newSuspects =
                now.suspectDeploys().stream()
                        .map(s -> s.ref())
                        .filter(ref -> !last.suspects().contains(ref))
                        .distinct()
                        .toList();
        if (!newSuspects.isEmpty()) {
            add(
                    changes,
                    Change.SUSPECT_DEPLOY_FOUND,
                    "suspect deploy " + String.join(", ", newSuspects));
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Delta(NotificationKind.UPDATE, now, changes, view));
    }

    private void add(List<ChangeDetail> changes, Change change, String description) {
        if (material.contains(change)) {
            changes.add(new ChangeDetail(change, description));
        }
    }

    /** P1 = 1 (most urgent) .. P5 = 5; an unknown or empty priority ranks below all. */
    static int rank(String priority) {
        if (priority != null
                && priority.length() == 2
                && (priority.charAt(0) == 'P' || priority.charAt(0) == 'p')
                && Character.isDigit(priority.charAt(1))) {
            return priority.charAt(1) - '0';
        }
        return Integer.MAX_VALUE;
    }
}
