package dev.incidentintel.notifier.routing;

import dev.incidentintel.notifier.delivery.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One notification channel and its rules.
 *
 * @param name unique name, part of idempotency keys and stored with each notification
 * @param kind receiver type
 * @param url endpoint (for PagerDuty the Events API base, e.g. {@code
 *     https://events.pagerduty.com}, to which {@code /v2/enqueue} is appended)
 * @param secret HMAC key of a webhook, {@code ""} for none (then no signature header is sent)
 * @param routingKey PagerDuty integration key; {@code ""} for other kinds
 * @param match incidents this channel gets
 * @param quietHours periods silencing it, unless an incident matches the period's exception
 * @param maintenance windows silencing it for matching incidents
 * @param rateLimit limit with digest, or {@code null} for none
 * @param retry retry policy of deliveries
 * @param timeout per-attempt request timeout
 */
public record ChannelConfig(
        String name,
        ChannelKind kind,
        URI url,
        String secret,
        String routingKey,
        RouteMatch match,
        List<QuietHours> quietHours,
        List<MaintenanceWindow> maintenance,
        RateLimit rateLimit,
        RetryPolicy retry,
        Duration timeout) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public ChannelConfig {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "channel name '" + name + "' must be 1-64 of [A-Za-z0-9_.-]");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException(
                    "channel " + name + ": url must be http(s), got " + url);
        }
        secret = secret == null ? "" : secret;
        routingKey = routingKey == null ? "" : routingKey;
        if (kind == ChannelKind.PAGERDUTY && routingKey.isBlank()) {
            throw new IllegalArgumentException(
                    "channel " + name + ": pagerduty needs routingKey (or routingKeyEnv)");
        }
        match = match == null ? RouteMatch.any() : match;
        quietHours = List.copyOf(quietHours);
        maintenance = List.copyOf(maintenance);
        retry = retry == null ? RetryPolicy.defaults() : retry;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** The URL requests go to: PagerDuty's {@code /v2/enqueue} under the base, else the URL. */
    public URI endpoint() {
        if (kind != ChannelKind.PAGERDUTY || url.getPath().endsWith("/v2/enqueue")) {
            return url;
        }
        String base = url.toString().replaceAll("/+$", "");
        return URI.create(base + "/v2/enqueue");
    }
}
