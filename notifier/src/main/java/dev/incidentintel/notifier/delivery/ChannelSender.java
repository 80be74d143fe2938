package dev.incidentintel.notifier.delivery;

import dev.incidentintel.notifier.routing.ChannelConfig;

/**
 * Delivers one rendered notification to one channel, retrying per the channel's {@link
 * RetryPolicy}; returns only when the delivery ended (sent or dead-lettered).
 */
public interface ChannelSender {
    Delivery send(ChannelConfig channel, String idempotencyKey, String body);
}
