package dev.incidentintel.metricsapi.notification;

import java.util.List;

/**
 * One page of notifications, newest decided first, and the cursor of the next page ({@code null}:
 * last).
 */
public record NotificationList(List<NotificationEntry> notifications, String nextCursor) {}
