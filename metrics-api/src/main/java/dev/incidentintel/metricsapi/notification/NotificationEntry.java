package dev.incidentintel.metricsapi.notification;

import java.time.Instant;
import java.util.List;

/**
 * One notification decision as the API lists it: to which channel, about which incident change,
 * why, and how delivery ended. The body sent is not listed (it can hold a PagerDuty routing key).
 *
 * @param idempotencyKey incident id : version : channel, or a digest key
 * @param incidentId incident, {@code ""} for a digest
 * @param incidentVersion version notified
 * @param channel channel name; {@code -} when no channel matched
 * @param channelKind webhook, slack or pagerduty
 * @param kind open, update, resolve or digest
 * @param changes change names (opened, priority_raised, ...)
 * @param whatChanged the sentence sent
 * @param reason the routing rule that decided
 * @param outcome pending, sent, suppressed, rate_limited, no_route or dead_letter
 * @param attempts delivery attempts
 * @param httpStatus last HTTP status, 0 when none
 * @param error last failure, {@code ""} when none
 * @param decidedAt when the notifier decided
 * @param recordedAt when this state was recorded
 * @param title incident title then
 * @param environment incident environment
 * @param priority incident priority then
 * @param services affected services then
 * @param covers for a digest, the notifications it stands for
 */
public record NotificationEntry(
        String idempotencyKey,
        String incidentId,
        long incidentVersion,
        String channel,
        String channelKind,
        String kind,
        List<String> changes,
        String whatChanged,
        String reason,
        String outcome,
        int attempts,
        int httpStatus,
        String error,
        Instant decidedAt,
        Instant recordedAt,
        String title,
        String environment,
        String priority,
        List<String> services,
        List<String> covers) {}
