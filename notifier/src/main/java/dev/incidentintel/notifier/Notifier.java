package dev.incidentintel.notifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.notifier.delivery.ChannelSender;
import dev.incidentintel.notifier.delivery.Delivery;
import dev.incidentintel.notifier.delivery.NotificationRecord;
import dev.incidentintel.notifier.delivery.NotificationStore;
import dev.incidentintel.notifier.delivery.Outcome;
import dev.incidentintel.notifier.delta.Delta;
import dev.incidentintel.notifier.delta.DeltaPolicy;
import dev.incidentintel.notifier.delta.NotificationKind;
import dev.incidentintel.notifier.delta.NotifiedView;
import dev.incidentintel.notifier.message.Messages;
import dev.incidentintel.notifier.routing.ChannelConfig;
import dev.incidentintel.notifier.routing.NotifyConfig;
import dev.incidentintel.notifier.routing.RateLimiter;
import dev.incidentintel.notifier.routing.RouteDecision;
import dev.incidentintel.notifier.routing.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns incident updates into channel notifications: the {@link DeltaPolicy} decides whether an
 * update is worth one, the {@link Router} decides per channel, the rate limiter holds excess
 * notifications for a digest, the {@link ChannelSender} delivers, the {@link NotificationStore}
 * records.
 *
 * <p>Exactly one notification per change and channel across restarts: each decision is written
 * {@code pending} (with its body and the incident view it announces) before anything is sent, and
 * again with its outcome after; a restarted notifier restores the views, so replayed updates give
 * no new deltas, and {@link #resumePending()} delivers what was decided but not finished. The only
 * window for a duplicate is a crash between a receiver's 2xx and the outcome row; receivers can
 * drop it by the idempotency key (PagerDuty does, by {@code dedup_key}).
 *
 * <p>Single-threaded: one consumer thread calls {@link #onUpdate} and {@link #flushDigests}.
 */
public final class Notifier {
    private final NotifyConfig config;
    private final DeltaPolicy policy;
    private final NotificationStore store;
    private final ChannelSender sender;
    private final Clock clock;
    private final Map<String, NotifiedView> views = new HashMap<>();
    private final Map<String, RateLimiter> limiters = new HashMap<>();
    private final Map<String, List<Messages.Held>> held = new LinkedHashMap<>();

    public Notifier(
            NotifyConfig config, NotificationStore store, ChannelSender sender, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.policy = config.policy();
        this.store = Objects.requireNonNull(store, "store");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (ChannelConfig c : config.channels()) {
            if (c.rateLimit() != null) {
                limiters.put(c.name(), new RateLimiter(c.rateLimit()));
            }
        }
    }

    /**
     * Restores the last notified views and the notifications held for a digest from the store; call
     * once before the first update.
     */
    public int restore() {
        views.putAll(store.loadViews());
        for (NotificationRecord row : store.loadHeld()) {
            if (channel(row.channel()) != null && row.view() != null) {
                NotifiedView v = row.view();
                held.computeIfAbsent(row.channel(), k -> new ArrayList<>())
                        .add(
                                new Messages.Held(
                                        row.idempotencyKey(),
                                        row.incidentId(),
                                        v.title(),
                                        v.priority(),
                                        v.severity(),
                                        v.environment(),
                                        NotificationKind.parse(row.kind()),
                                        row.whatChanged(),
                                        config.linkTo(row.incidentId())));
            }
        }
        return views.size();
    }

    /** Delivers notifications decided before a stop but not delivered; returns how many. */
    public int resumePending() {
        List<NotificationRecord> pending = store.loadPending();
        for (NotificationRecord row : pending) {
            ChannelConfig channel = channel(row.channel());
            if (channel == null) {
                store.record(
                        List.of(
                                row.delivered(
                                        new Delivery(
                                                Outcome.DEAD_LETTER,
                                                0,
                                                0,
                                                "channel "
                                                        + row.channel()
                                                        + " is no longer configured"))));
                continue;
            }
            deliver(channel, row);
        }
        return pending.size();
    }

    /** Handles one update from {@code incidents.v1}. */
    public void onUpdate(IncidentUpdate update) {
        Incident incident = update.incident();
        Delta delta = policy.decide(views.get(incident.id()), incident).orElse(null);
        if (delta == null) {
            return;
        }
        Instant now = clock.instant();
        String link = config.linkTo(incident.id());
        List<String> keys =
                config.channels().stream().map(c -> delta.idempotencyKey(c.name())).toList();
        Set<String> done = store.recorded(keys);
        List<NotificationRecord> decided = new ArrayList<>();
        Map<String, ChannelConfig> toSend = new LinkedHashMap<>();
        boolean routed = false;
        for (ChannelConfig channel : config.channels()) {
            String key = delta.idempotencyKey(channel.name());
            RouteDecision route = Router.decide(channel, incident, delta.kind(), now);
            if (route.verdict() == RouteDecision.Verdict.SKIP) {
                continue;
            }
            routed = true;
            if (done.contains(key)) {
                continue; // decided before a restart
            }
            if (route.verdict() == RouteDecision.Verdict.SUPPRESS) {
                decided.add(
                        row(
                                delta,
                                channel,
                                key,
                                route.reason(),
                                Outcome.SUPPRESSED.json(),
                                "",
                                now));
            } else if (limiters.containsKey(channel.name())
                    && !limiters.get(channel.name()).tryAcquire(now)) {
                held.computeIfAbsent(channel.name(), k -> new ArrayList<>())
                        .add(Messages.Held.of(key, delta, link));
                decided.add(
                        row(
                                delta,
                                channel,
                                key,
                                "rate limit "
                                        + channel.rateLimit().max()
                                        + " per "
                                        + channel.rateLimit().per()
                                        + " reached; held for a digest",
                                Outcome.RATE_LIMITED.json(),
                                "",
                                now));
            } else {
                decided.add(
                        row(
                                delta,
                                channel,
                                key,
                                route.reason(),
                                NotificationRecord.PENDING,
                                render(channel, delta, key, link),
                                now));
                toSend.put(key, channel);
            }
        }
        if (!routed) {
            String key = delta.idempotencyKey("-");
            if (!store.recorded(List.of(key)).contains(key)) {
                decided.add(
                        new NotificationRecord(
                                key,
                                incident.id(),
                                incident.version(),
                                "-",
                                "",
                                delta.kind().json(),
                                delta.changeNames(),
                                delta.whatChanged(),
                                "no channel matches",
                                Outcome.NO_ROUTE.json(),
                                0,
                                0,
                                "",
                                now,
                                "",
                                List.of(),
                                delta.view()));
            }
        }
        store.record(decided);
        views.put(incident.id(), delta.view());
        for (NotificationRecord row : decided) {
            if (toSend.containsKey(row.idempotencyKey())) {
                deliver(toSend.get(row.idempotencyKey()), row);
            }
        }
    }

    /** Sends a digest on each channel holding rate-limited notifications once it has room again. */
    public int flushDigests() {
        Instant now = clock.instant();
        int sent = 0;
        for (ChannelConfig channel : config.channels()) {
            List<Messages.Held> list = held.get(channel.name());
            RateLimiter limiter = limiters.get(channel.name());
            if (list == null || list.isEmpty() || (limiter != null && !limiter.tryAcquire(now))) {
                continue;
            }
            List<Messages.Held> batch = List.copyOf(list);
            list.clear();
            String key = channel.name() + ":digest:" + batch.get(0).idempotencyKey();
            ObjectNode body =
                    switch (channel.kind()) {
                        case WEBHOOK -> Messages.webhookDigest(channel.name(), key, batch);
                        case SLACK -> Messages.slackDigest(batch);
                        case PAGERDUTY ->
                                Messages.pagerDutyDigest(channel.routingKey(), key, batch);
                    };
            NotificationRecord row =
                    new NotificationRecord(
                            key,
                            "",
                            0,
                            channel.name(),
                            channel.kind().json(),
                            NotificationKind.DIGEST.json(),
                            List.of(),
                            batch.size() + " held notifications",
                            "rate limit digest",
                            NotificationRecord.PENDING,
                            0,
                            0,
                            "",
                            now,
                            EventJson.toJson(body),
                            batch.stream().map(Messages.Held::idempotencyKey).toList(),
                            null);
            store.record(List.of(row));
            deliver(channel, row);
            sent++;
        }
        return sent;
    }

    /** Notifications held for a digest, all channels. */
    public int heldCount() {
        return held.values().stream().mapToInt(List::size).sum();
    }

    private void deliver(ChannelConfig channel, NotificationRecord row) {
        Delivery d = sender.send(channel, row.idempotencyKey(), row.body());
        store.record(List.of(row.delivered(d)));
    }

    private NotificationRecord row(
            Delta d,
            ChannelConfig channel,
            String key,
            String reason,
            String outcome,
            String body,
            Instant now) {
        Incident i = d.incident();
        return new NotificationRecord(
                key,
                i.id(),
                i.version(),
                channel.name(),
                channel.kind().json(),
                d.kind().json(),
                d.changeNames(),
                d.whatChanged(),
                reason,
                outcome,
                0,
                0,
                "",
                now,
                body,
                List.of(),
                d.view());
    }

    private static String render(ChannelConfig channel, Delta d, String key, String link) {
        ObjectNode body =
                switch (channel.kind()) {
                    case WEBHOOK -> Messages.webhook(d, channel.name(), key, link);
                    case SLACK -> Messages.slack(d, link);
                    case PAGERDUTY -> Messages.pagerDuty(d, channel.routingKey(), link);
                };
        return EventJson.toJson(body);
    }

    private ChannelConfig channel(String name) {
        return config.channels().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElse(null);
    }
}
