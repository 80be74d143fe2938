package dev.incidentintel.notifier.routing;

import dev.incidentintel.events.Incident;
import dev.incidentintel.notifier.delta.NotificationKind;
import java.time.Instant;

/**
 * Decides, per channel, whether an incident notification goes out now: the channel's match rule
 * first, then its maintenance windows, then its quiet hours. Pure; "now" is the caller's clock.
 */
public final class Router {
    private Router() {}

    /** The decision for {@code channel} about {@code incident} at {@code now}. */
    public static RouteDecision decide(
            ChannelConfig channel, Incident incident, NotificationKind kind, Instant now) {
        if (!channel.match().matches(incident)) {
            return new RouteDecision(RouteDecision.Verdict.SKIP, "channel rules do not match");
        }
        for (MaintenanceWindow w : channel.maintenance()) {
            if (w.covers(now) && w.match().matches(incident)) {
                return new RouteDecision(
                        RouteDecision.Verdict.SUPPRESS,
                        "maintenance window " + w.name() + " until " + w.to());
            }
        }
        for (QuietHours q : channel.quietHours()) {
            if (q.covers(now) && (q.unless() == null || !q.unless().matches(incident))) {
                return new RouteDecision(RouteDecision.Verdict.SUPPRESS, q.toString());
            }
        }
        return RouteDecision.deliver(
                "matched channel " + channel.name() + " (" + kind.json() + ")");
    }
}
