package dev.incidentintel.metricsapi.notification;

import dev.incidentintel.metricsapi.incident.FeedCursor;
import java.util.Objects;

/** The notifications list, independent of HTTP: pages with an opaque cursor. */
public final class NotificationService {
    private final NotificationRepository repository;

    public NotificationService(NotificationRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** One page of matching notifications. */
    public NotificationList list(NotificationFilter filter) {
        FeedCursor.Page<NotificationEntry> page =
                FeedCursor.page(
                        repository.find(filter),
                        filter.limit(),
                        n -> new FeedCursor(n.decidedAt(), n.idempotencyKey()));
        return new NotificationList(page.items(), page.nextCursor());
    }
}
