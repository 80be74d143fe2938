package dev.incidentintel.metricsapi.notification;

import java.util.List;

/** Reads notification decisions from the store; failures surface as ApiException. */
public interface NotificationRepository {
    /** Up to {@code filter.limit() + 1} notifications after the cursor, newest decided first. */
    List<NotificationEntry> find(NotificationFilter filter);
}
