package dev.incidentintel.correlation.recurrence;

import dev.incidentintel.events.Incident;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether an incident recurs and how rare its signature is, from the history of its
 * service. Pure.
 *
 * <p>When an incident is first seen (or its signature changes), the tracker looks at the other
 * incidents of the same service detected within the window before it: {@code recurrenceOf} is the
 * most recent one with the same signature; rarity is {@code new} when none has it, otherwise by the
 * share of those incidents that have it ({@code frequent} / {@code occasional} / {@code rare}, see
 * {@link RecurrenceOptions}). Later updates of the incident keep the values assigned then.
 * Incidents without a signature (imported tickets) are passed through unchanged.
 */
public final class RecurrenceTracker {
    private final RecurrenceOptions options;

    public RecurrenceTracker(RecurrenceOptions options) {
        this.options = options;
    }

    /** The incident with {@code recurrenceOf} and {@code rarity} filled in; updates the history. */
    public Incident apply(ServiceHistory history, Incident incident) {
        if (incident.signature().isEmpty()) {
            return incident;
        }
        ServiceHistory.Entry entry = history.find(incident.id());
        if (entry == null || !entry.signature.equals(incident.signature())) {
            if (entry == null) {
                entry =
                        new ServiceHistory.Entry(
                                incident.id(), incident.signature(), incident.detectedAt());
                history.add(entry);
            }
            entry.signature = incident.signature();
            assess(history, entry);
        }
        return incident.toBuilder().recurrenceOf(entry.recurrenceOf).rarity(entry.rarity).build();
    }

    private void assess(ServiceHistory history, ServiceHistory.Entry me) {
        Instant from = me.detectedAt.minus(options.window());
        int total = 0;
        int same = 0;
        ServiceHistory.Entry latestSame = null;
        for (ServiceHistory.Entry e : history.entries()) {
            if (e == me || e.detectedAt.isBefore(from) || e.detectedAt.isAfter(me.detectedAt)) {
                continue;
            }
            total++;
            if (e.signature.equals(me.signature)) {
                same++;
                if (latestSame == null || e.detectedAt.isAfter(latestSame.detectedAt)) {
                    latestSame = e;
                }
            }
        }
        me.recurrenceOf = latestSame == null ? "" : latestSame.incidentId;
        if (same == 0) {
            me.rarity = "new";
        } else {
            double share = same / (double) total;
            me.rarity =
                    share >= options.frequentShare()
                            ? "frequent"
                            : share <= options.rareShare() ? "rare" : "occasional";
        }
    }

    /**
     * Drops incidents detected a full window or more before {@code now} (the instant {@link
     * #nextPrune} names).
     */
    public void prune(ServiceHistory history, Instant now) {
        // Gone once detectedAt + window <= now, i.e. detectedAt <= now - window.
        history.removeDetectedBefore(now.minus(options.window()).plusNanos(1));
    }

    /** When the oldest remembered incident leaves the window, or empty when none is remembered. */
    public Optional<Instant> nextPrune(ServiceHistory history) {
        return history.earliestDetected().map(t -> t.plus(options.window()));
    }
}
