package dev.incidentintel.notifier.routing;

import java.util.Locale;

/** The receivers the notifier can talk to. */
public enum ChannelKind {
    /** Any HTTP endpoint: the notification as JSON, signed with HMAC-SHA256. */
    WEBHOOK,
    /** A Slack incoming webhook: a Block Kit message with a text fallback. */
    SLACK,
    /** PagerDuty Events API v2: trigger / resolve with {@code dedup_key} = incident id. */
    PAGERDUTY;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a kind name in any case. */
    public static ChannelKind parse(String raw) {
        for (ChannelKind k : values()) {
            if (k.name().equalsIgnoreCase(raw == null ? "" : raw.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown channel kind '" + raw + "'; one of webhook, slack, pagerduty");
    }
}
