package dev.incidentintel.notifier.delta;

import dev.incidentintel.events.Incident;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link DeltaPolicy} over a feed of incident snapshots as the notifier would (remembering
 * the view it notified per incident), without routing or delivery: how many notifications one
 * channel that takes everything would get. Used to report notifications per storm.
 */
public final class DeltaReplay {
    private DeltaReplay() {}

    /**
     * Notifications per kind for {@code feed}, in feed order (each incident's versions in order).
     */
    public static Map<NotificationKind, Long> count(DeltaPolicy policy, List<Incident> feed) {
        Map<String, NotifiedView> views = new HashMap<>();
        Map<NotificationKind, Long> counts = new EnumMap<>(NotificationKind.class);
        for (Incident i : feed) {
            policy.decide(views.get(i.id()), i)
                    .ifPresent(
                            d -> {
                                views.put(i.id(), d.view());
                                counts.merge(d.kind(), 1L, Long::sum);
                            });
        }
        return counts;
    }
}
