package dev.incidentintel.notifier.delivery;

import dev.incidentintel.notifier.delta.NotifiedView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the notifier records its decisions and restores them after a restart (ClickHouse table
 * {@code notifications} in production). Failures surface as {@link NotifierException}.
 */
public interface NotificationStore {
    /** The last notified view of every incident with a recorded notification. */
    Map<String, NotifiedView> loadViews();

    /** Rows whose latest state is still pending (the notifier stopped before delivering them). */
    List<NotificationRecord> loadPending();

    /**
     * Rows held by a rate limit ({@code rate_limited}) that no digest row covers yet: held for a
     * digest when the notifier stopped.
     */
    List<NotificationRecord> loadHeld();

    /** Which of {@code keys} already have a row. */
    Set<String> recorded(Collection<String> keys);

    /** Writes rows; a later row for the same key replaces the earlier one. */
    void record(List<NotificationRecord> rows);
}
