package dev.incidentintel.notifier.routing;

import static dev.incidentintel.notifier.testing.Incidents.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.events.Incident;
import dev.incidentintel.notifier.delta.NotificationKind;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Instant TUESDAY_NOON = Instant.parse("2026-11-24T12:00:00Z");

    private static ChannelConfig channel(
            RouteMatch match, List<QuietHours> quiet, List<MaintenanceWindow> maintenance) {
        return new ChannelConfig(
                "c",
                ChannelKind.WEBHOOK,
                URI.create("http://127.0.0.1:1/x"),
                "",
                "",
                match,
                quiet,
                maintenance,
                null,
                null,
                null);
    }

    private static RouteMatch match(
            List<String> envs,
            List<String> services,
            List<String> teams,
            List<String> priorities,
            List<String> categories) {
        return new RouteMatch(envs, services, teams, priorities, categories, List.of());
    }

    private static RouteDecision.Verdict verdict(ChannelConfig c, Incident i, Instant now) {
        return Router.decide(c, i, NotificationKind.OPEN, now).verdict();
    }

    @Test
    void matchesByEnvironmentServiceTeamPriorityAndCategory() {
        Incident i = opened("i-1").toBuilder().services(List.of("checkout", "cart")).build();
        assertThat(
                        match(
                                        List.of("prod"),
                                        List.of("cart"),
                                        List.of("payments"),
                                        List.of("p3"),
                                        List.of("availability"))
                                .matches(i))
                .isTrue();
        assertThat(match(List.of("staging"), List.of(), List.of(), List.of(), List.of()).matches(i))
                .isFalse();
        assertThat(match(List.of(), List.of("search"), List.of(), List.of(), List.of()).matches(i))
                .isFalse();
        assertThat(match(List.of(), List.of(), List.of("sre"), List.of(), List.of()).matches(i))
                .isFalse();
        assertThat(match(List.of(), List.of(), List.of(), List.of("P1"), List.of()).matches(i))
                .isFalse();
        assertThat(match(List.of(), List.of(), List.of(), List.of(), List.of("latency")).matches(i))
                .isFalse();
        assertThat(
                        verdict(
                                channel(
                                        match(
                                                List.of("staging"),
                                                List.of(),
                                                List.of(),
                                                List.of(),
                                                List.of()),
                                        List.of(),
                                        List.of()),
                                i,
                                TUESDAY_NOON))
                .isEqualTo(RouteDecision.Verdict.SKIP);
    }

    @Test
    void quietHoursPastMidnightSuppressUnlessTheIncidentIsExcepted() {
        QuietHours nights =
                new QuietHours(
                        Set.of(DayOfWeek.MONDAY),
                        LocalTime.of(22, 0),
                        LocalTime.of(7, 0),
                        ZoneId.of("Europe/Berlin"),
                        match(List.of(), List.of(), List.of(), List.of("P1"), List.of()));
        // Monday 22:30 Berlin = 21:30 UTC; Tuesday 06:59 Berlin = 05:59 UTC belongs to Monday's
        // night.
        assertThat(nights.covers(Instant.parse("2026-11-23T21:30:00Z"))).isTrue();
        assertThat(nights.covers(Instant.parse("2026-11-24T05:59:00Z"))).isTrue();
        assertThat(nights.covers(Instant.parse("2026-11-24T06:00:00Z"))).isFalse();
        assertThat(nights.covers(Instant.parse("2026-11-24T21:30:00Z")))
                .as("Tuesday night is not listed")
                .isFalse();
        ChannelConfig c = channel(RouteMatch.any(), List.of(nights), List.of());
        Instant night = Instant.parse("2026-11-23T23:00:00Z");
        RouteDecision d = Router.decide(c, opened("i-1"), NotificationKind.OPEN, night);
        assertThat(d.verdict()).isEqualTo(RouteDecision.Verdict.SUPPRESS);
        assertThat(d.reason()).contains("quiet hours 22:00-07:00 Europe/Berlin");
        assertThat(verdict(c, opened("i-2").toBuilder().priority("P1").build(), night))
                .isEqualTo(RouteDecision.Verdict.DELIVER);
    }

    @Test
    void maintenanceWindowSuppressesOnlyMatchingIncidentsInsideIt() {
        MaintenanceWindow w =
                new MaintenanceWindow(
                        "db-migration",
                        TUESDAY_NOON,
                        TUESDAY_NOON.plus(Duration.ofHours(2)),
                        match(List.of(), List.of("checkout"), List.of(), List.of(), List.of()));
        ChannelConfig c = channel(RouteMatch.any(), List.of(), List.of(w));
        assertThat(
                        Router.decide(
                                        c,
                                        opened("i-1"),
                                        NotificationKind.OPEN,
                                        TUESDAY_NOON.plusSeconds(60))
                                .reason())
                .startsWith("maintenance window db-migration");
        assertThat(verdict(c, opened("i-1"), TUESDAY_NOON.plus(Duration.ofHours(2))))
                .isEqualTo(RouteDecision.Verdict.DELIVER);
        assertThat(
                        verdict(
                                c,
                                opened("i-1").toBuilder().services(List.of("search")).build(),
                                TUESDAY_NOON))
                .isEqualTo(RouteDecision.Verdict.DELIVER);
        assertThatThrownBy(
                        () ->
                                new MaintenanceWindow(
                                        "x", TUESDAY_NOON, TUESDAY_NOON, RouteMatch.any()))
                .hasMessageContaining("must be after");
    }

    @Test
    void rateLimiterAllowsMaxPerSlidingWindow() {
        RateLimiter limiter = new RateLimiter(new RateLimit(2, Duration.ofMinutes(1)));
        assertThat(limiter.tryAcquire(TUESDAY_NOON)).isTrue();
        assertThat(limiter.tryAcquire(TUESDAY_NOON.plusSeconds(10))).isTrue();
        assertThat(limiter.tryAcquire(TUESDAY_NOON.plusSeconds(20))).isFalse();
        assertThat(limiter.hasRoom(TUESDAY_NOON.plusSeconds(59))).isFalse();
        assertThat(limiter.tryAcquire(TUESDAY_NOON.plusSeconds(60)))
                .as("the first send left the window")
                .isTrue();
        assertThat(limiter.tryAcquire(TUESDAY_NOON.plusSeconds(61))).isFalse();
    }

    @Test
    void sampleConfigLoadsWithSecretsFromEnvironment() {
        NotifyConfig config =
                NotifyConfig.load(
                        Path.of("notify.sample.yaml"),
                        Map.of(
                                "NOTIFY_WEBHOOK_SECRET",
                                "s3cret",
                                "PAGERDUTY_ROUTING_KEY",
                                "R0UT1NGKEY"));
        assertThat(config.channels())
                .extracting(ChannelConfig::name)
                .containsExactly("oncall-webhook", "slack-payments", "pagerduty-sre");
        assertThat(config.channels().get(0).secret()).isEqualTo("s3cret");
        assertThat(config.channels().get(1).rateLimit())
                .isEqualTo(new RateLimit(10, Duration.ofMinutes(10)));
        assertThat(config.channels().get(1).quietHours()).hasSize(2);
        assertThat(config.channels().get(2).endpoint())
                .isEqualTo(URI.create("https://events.pagerduty.com/v2/enqueue"));
        assertThat(config.channels().get(2).routingKey()).isEqualTo("R0UT1NGKEY");
        assertThat(config.linkTo("i 1")).isEqualTo("http://localhost:8090/api/v1/incidents/i+1");
        assertThatThrownBy(() -> NotifyConfig.load(Path.of("notify.sample.yaml"), Map.of()))
                .hasMessageContaining(
                        "channels[0]: secretEnv names NOTIFY_WEBHOOK_SECRET, which is not set");
    }
}
