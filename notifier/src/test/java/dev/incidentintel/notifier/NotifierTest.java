package dev.incidentintel.notifier;

import static dev.incidentintel.notifier.testing.Incidents.BEGINNING;
import static dev.incidentintel.notifier.testing.Incidents.next;
import static dev.incidentintel.notifier.testing.Incidents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.notifier.delivery.ChannelSender;
import dev.incidentintel.notifier.delivery.Delivery;
import dev.incidentintel.notifier.delivery.NotificationRecord;
import dev.incidentintel.notifier.delivery.NotificationStore;
import dev.incidentintel.notifier.delivery.Outcome;
import dev.incidentintel.notifier.delta.NotifiedView;
import dev.incidentintel.notifier.routing.ChannelConfig;
import dev.incidentintel.notifier.routing.ChannelKind;
import dev.incidentintel.notifier.routing.MaintenanceWindow;
import dev.incidentintel.notifier.routing.NotifyConfig;
import dev.incidentintel.notifier.routing.RateLimit;
import dev.incidentintel.notifier.routing.RouteMatch;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The notifier's bookkeeping with an in-memory store (the ClickHouse store is proved in
 * NotifierIT): what is decided, held, suppressed, and what a restart does.
 */
class NotifierTest {
    /** Latest row per key, like ReplacingMergeTree + FINAL. */
    static final class MemoryStore implements NotificationStore {
        final Map<String, NotificationRecord> rows = new LinkedHashMap<>();

        @Override
        public Map<String, NotifiedView> loadViews() {
            Map<String, NotifiedView> views = new LinkedHashMap<>();
            for (NotificationRecord r : rows.values()) {
                if (r.view() != null
                        && (!views.containsKey(r.incidentId())
                                || views.get(r.incidentId()).version() < r.incidentVersion())) {
                    views.put(r.incidentId(), r.view());
                }
            }
            return views;
        }

        @Override
        public List<NotificationRecord> loadPending() {
            return rows.values().stream().filter(NotificationRecord::pending).toList();
        }

        @Override
        public List<NotificationRecord> loadHeld() {
            Set<String> covered = new HashSet<>();
            rows.values().forEach(r -> covered.addAll(r.covers()));
            return rows.values().stream()
                    .filter(
                            r ->
                                    r.outcome().equals("rate_limited")
                                            && !covered.contains(r.idempotencyKey()))
                    .toList();
        }

        @Override
        public Set<String> recorded(Collection<String> keys) {
            Set<String> found = new HashSet<>(keys);
            found.retainAll(rows.keySet());
            return found;
        }

        @Override
        public void record(List<NotificationRecord> list) {
            list.forEach(r -> rows.put(r.idempotencyKey(), r));
        }

        Map<String, String> outcomes() {
            return rows.values().stream()
                    .collect(
                            Collectors.toMap(
                                    NotificationRecord::idempotencyKey,
                                    NotificationRecord::outcome,
                                    (a, b) -> b,
                                    LinkedHashMap::new));
        }
    }

    /** Records what it was asked to send; answers with {@code outcome}. */
    static final class Recorder implements ChannelSender {
        final List<String> sent = new ArrayList<>();
        Outcome outcome = Outcome.SENT;

        @Override
        public Delivery send(ChannelConfig channel, String key, String body) {
            sent.add(key);
            return new Delivery(
                    outcome,
                    1,
                    outcome == Outcome.SENT ? 200 : 400,
                    outcome == Outcome.SENT ? "" : "HTTP 400");
        }
    }

    private static ChannelConfig channel(
            String name, RouteMatch match, RateLimit limit, List<MaintenanceWindow> mw) {
        return new ChannelConfig(
                name,
                ChannelKind.WEBHOOK,
                URI.create("http://127.0.0.1:1/" + name),
                "k",
                "",
                match,
                List.of(),
                mw,
                limit,
                null,
                null);
    }

    private static IncidentUpdate update(Incident i) {
        return new IncidentUpdate(i, IncidentChange.ALERT_ADDED, List.of());
    }

    private final Clock clock = Clock.fixed(BEGINNING, ZoneOffset.UTC);

    @Test
    void onePerChangePerChannelAndNothingTwiceAfterARestart() {
        NotifyConfig config =
                new NotifyConfig(
                        "http://x/{id}",
                        Set.of(),
                        List.of(
                                channel("a", RouteMatch.any(), null, List.of()),
                                channel("b", RouteMatch.any(), null, List.of())));
        MemoryStore store = new MemoryStore();
        Recorder sender = new Recorder();
        Incident v1 = opened("i-1");
        Incident v2 = next(v1).alertCount(2).build();
        Incident v3 = next(v2).status(IncidentStatus.RESOLVED).build();
        Notifier first = new Notifier(config, store, sender, clock);
        first.onUpdate(update(v1));
        first.onUpdate(update(v2));
        // Restart: a new notifier over the same store sees the whole feed again.
        Notifier second = new Notifier(config, store, sender, clock);
        assertThat(second.restore()).isEqualTo(1);
        assertThat(second.resumePending()).isZero();
        for (Incident i : List.of(v1, v2, v3)) {
            second.onUpdate(update(i));
        }
        assertThat(sender.sent).containsExactly("i-1:1:a", "i-1:1:b", "i-1:3:a", "i-1:3:b");
        assertThat(store.outcomes().values()).containsOnly("sent");
    }

    @Test
    void pendingDecisionsAreDeliveredOnRestart() {
        NotifyConfig config =
                new NotifyConfig(
                        "", Set.of(), List.of(channel("a", RouteMatch.any(), null, List.of())));
        MemoryStore store = new MemoryStore();
        Recorder sender = new Recorder();
        new Notifier(config, store, sender, clock).onUpdate(update(opened("i-1")));
        // Simulate a crash after the pending row and before delivery.
        NotificationRecord row = store.rows.get("i-1:1:a");
        store.rows.put(
                row.idempotencyKey(),
                new NotificationRecord(
                        row.idempotencyKey(),
                        row.incidentId(),
                        row.incidentVersion(),
                        row.channel(),
                        row.channelKind(),
                        row.kind(),
                        row.changes(),
                        row.whatChanged(),
                        row.reason(),
                        NotificationRecord.PENDING,
                        0,
                        0,
                        "",
                        row.decidedAt(),
                        row.body(),
                        row.covers(),
                        row.view()));
        Notifier restarted = new Notifier(config, store, sender, clock);
        restarted.restore();
        assertThat(restarted.resumePending()).isEqualTo(1);
        restarted.onUpdate(update(opened("i-1")));
        assertThat(sender.sent).containsExactly("i-1:1:a", "i-1:1:a");
        assertThat(store.outcomes()).containsEntry("i-1:1:a", "sent");
    }

    @Test
    void rateLimitHoldsTheExcessAndSendsOneDigest() {
        Clock[] now = {clock};
        Clock moving =
                new Clock() {
                    @Override
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public java.time.Instant instant() {
                        return now[0].instant();
                    }
                };
        NotifyConfig config =
                new NotifyConfig(
                        "",
                        Set.of(),
                        List.of(
                                channel(
                                        "a",
                                        RouteMatch.any(),
                                        new RateLimit(2, Duration.ofMinutes(1)),
                                        List.of())));
        MemoryStore store = new MemoryStore();
        Recorder sender = new Recorder();
        Notifier n = new Notifier(config, store, sender, moving);
        for (int k = 1; k <= 5; k++) {
            n.onUpdate(update(opened("i-" + k)));
        }
        assertThat(n.flushDigests()).as("no room in the window yet").isZero();
        assertThat(n.heldCount()).isEqualTo(3);
        now[0] = Clock.offset(clock, Duration.ofMinutes(1));
        assertThat(n.flushDigests()).isEqualTo(1);
        assertThat(sender.sent).containsExactly("i-1:1:a", "i-2:1:a", "a:digest:i-3:1:a");
        NotificationRecord digest = store.rows.get("a:digest:i-3:1:a");
        assertThat(digest.covers()).containsExactly("i-3:1:a", "i-4:1:a", "i-5:1:a");
        assertThat(store.outcomes())
                .containsEntry("i-4:1:a", "rate_limited")
                .containsEntry("a:digest:i-3:1:a", "sent");
    }

    @Test
    void notificationsHeldForADigestSurviveARestart() {
        NotifyConfig config =
                new NotifyConfig(
                        "",
                        Set.of(),
                        List.of(
                                channel(
                                        "a",
                                        RouteMatch.any(),
                                        new RateLimit(1, Duration.ofMinutes(1)),
                                        List.of())));
        MemoryStore store = new MemoryStore();
        Recorder sender = new Recorder();
        Notifier first = new Notifier(config, store, sender, clock);
        for (int k = 1; k <= 3; k++) {
            first.onUpdate(update(opened("i-" + k)));
        }
        // Stopped before the window had room for the digest; a restart a minute later sends it.
        Notifier second =
                new Notifier(config, store, sender, Clock.offset(clock, Duration.ofMinutes(1)));
        second.restore();
        assertThat(second.heldCount()).isEqualTo(2);
        assertThat(second.flushDigests()).isEqualTo(1);
        assertThat(store.rows.get("a:digest:i-2:1:a").covers())
                .containsExactly("i-2:1:a", "i-3:1:a");
        assertThat(store.rows.get("a:digest:i-2:1:a").body()).contains("HighErrorRate on checkout");
        Notifier third =
                new Notifier(config, store, sender, Clock.offset(clock, Duration.ofMinutes(2)));
        third.restore();
        assertThat(third.heldCount()).as("covered by the digest").isZero();
    }

    @Test
    void suppressedAndUnroutedDecisionsAreRecordedWithTheirReason() {
        MaintenanceWindow w =
                new MaintenanceWindow(
                        "deploy-freeze", BEGINNING, BEGINNING.plusSeconds(3600), RouteMatch.any());
        RouteMatch staging =
                new RouteMatch(
                        List.of("staging"), List.of(), List.of(), List.of(), List.of(), List.of());
        NotifyConfig config =
                new NotifyConfig(
                        "",
                        Set.of(),
                        List.of(
                                channel("a", RouteMatch.any(), null, List.of(w)),
                                channel("s", staging, null, List.of())));
        MemoryStore store = new MemoryStore();
        Recorder sender = new Recorder();
        Notifier n = new Notifier(config, store, sender, clock);
        n.onUpdate(update(opened("i-1")));
        assertThat(sender.sent).isEmpty();
        assertThat(store.rows.get("i-1:1:a").outcome()).isEqualTo("suppressed");
        assertThat(store.rows.get("i-1:1:a").reason()).contains("deploy-freeze");
        assertThat(store.rows).doesNotContainKey("i-1:1:s");

        NotifyConfig stagingOnly =
                new NotifyConfig("", Set.of(), List.of(channel("s", staging, null, List.of())));
        MemoryStore store2 = new MemoryStore();
        new Notifier(stagingOnly, store2, sender, clock).onUpdate(update(opened("i-2")));
        assertThat(store2.outcomes()).containsExactly(Map.entry("i-2:1:-", "no_route"));
    }

    @Test
    void aFailedDeliveryIsDeadLetteredAndNotRetriedByTheNextUpdate() {
        NotifyConfig config =
                new NotifyConfig(
                        "", Set.of(), List.of(channel("a", RouteMatch.any(), null, List.of())));
        MemoryStore store = new MemoryStore();
        Recorder sender = new Recorder();
        sender.outcome = Outcome.DEAD_LETTER;
        Notifier n = new Notifier(config, store, sender, clock);
        Incident v1 = opened("i-1");
        n.onUpdate(update(v1));
        n.onUpdate(update(next(v1).alertCount(3).build()));
        assertThat(sender.sent).containsExactly("i-1:1:a");
        assertThat(store.outcomes()).containsExactly(Map.entry("i-1:1:a", "dead_letter"));
    }
}
