package dev.incidentintel.notifier.delivery;

import dev.incidentintel.notifier.delta.NotifiedView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of the {@code notifications} table: a notification decided for one channel, why, what was
 * sent, and how the delivery ended. A row is first written {@code pending} (with the body), then
 * again with the final outcome; the table keeps the latest row per idempotency key.
 *
 * @param idempotencyKey incident id : version : channel (or the digest key)
 * @param incidentId the incident, {@code ""} for a digest
 * @param incidentVersion incident version notified
 * @param channel channel name, {@code -} for a decision no channel matched
 * @param channelKind webhook, slack, pagerduty, or {@code ""}
 * @param kind open, update, resolve or digest
 * @param changes change names
 * @param whatChanged the change sentences
 * @param reason the routing rule that decided
 * @param outcome {@code pending} until delivered, then an {@link Outcome}'s name
 * @param attempts delivery attempts made
 * @param httpStatus last HTTP status, 0 when none
 * @param error last failure, {@code ""} when none
 * @param decidedAt when the notifier decided it
 * @param body the JSON sent (or to send), {@code ""} when nothing is sent
 * @param covers for a digest, the idempotency keys it covers
 * @param view the incident view this notification announces, {@code null} for a digest
 */
public record NotificationRecord(
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
        String body,
        List<String> covers,
        NotifiedView view) {
    /** Outcome of a row written before delivery. */
    public static final String PENDING = "pending";

    public NotificationRecord {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(decidedAt, "decidedAt");
        changes = List.copyOf(changes);
        covers = List.copyOf(covers);
        error = error == null ? "" : error;
        body = body == null ? "" : body;
    }

    /** True while the delivery has not ended. */
    public boolean pending() {
        return PENDING.equals(outcome);
    }

    /** This row with the delivery's end. */
    public NotificationRecord delivered(Delivery d) {
        return new NotificationRecord(
                idempotencyKey,
                incidentId,
                incidentVersion,
                channel,
                channelKind,
                kind,
                changes,
                whatChanged,
                reason,
                d.outcome().json(),
                d.attempts(),
                d.httpStatus(),
                d.error(),
                decidedAt,
                body,
                covers,
                view);
    }
}
