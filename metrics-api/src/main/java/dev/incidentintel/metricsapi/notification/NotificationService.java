package dev.incidentintel.metricsapi.notification;

import dev.incidentintel.metricsapi.incident.FeedCursor;
import java.util.List;
import java.util.Objects;

/** The notifications list, independent of HTTP: pages with an opaque cursor. */
public final class NotificationService {
  private final NotificationRepository repository;

  public NotificationService(NotificationRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  /** One page of matching notifications. */
  public NotificationList list(NotificationFilter filter) {
    List<NotificationEntry> found = repository.find(filter);
    if (found.size() <= filter.limit()) {
      return new NotificationList(found, null);
    }
    List<NotificationEntry> page = found.subList(0, filter.limit());
    NotificationEntry last = page.get(page.size() - 1);
    return new NotificationList(page, new FeedCursor(last.decidedAt(), last.idempotencyKey()).encode());
  }
}
