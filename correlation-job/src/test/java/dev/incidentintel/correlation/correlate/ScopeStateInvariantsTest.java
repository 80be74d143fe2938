package dev.incidentintel.correlation.correlate;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.firing;
import static dev.incidentintel.correlation.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.Severity;
import dev.incidentintel.events.json.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random notification streams (firings, repeats, resolves, re-firings after the flap window,
 * timers, a JSON round trip as after a restore) through the correlator, checking after every step
 * what makes per-alert work independent of the number of tracked incidents: the fingerprint index
 * answers exactly like a scan of the incident list, and {@link ScopeState#nextCheck()} is never
 * later than the true earliest expiry.
 */
class ScopeStateInvariantsTest {
    private static final String[] SERVICES = {"checkout", "payments", "db", "cart"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void indexAndNextCheckAgreeWithAFullScan(long seed) {
        final GroupingOptions options;
        GroupingOptions base =
                new GroupingOptions(
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(40),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(3));
        if (seed % 2 == 0) {
            options =
                    base.withGate(
                            new CreationGate(
                                    Map.of(
                                            Severity.WARNING,
                                            new CreationGate.Rule(3, Duration.ofMinutes(2)))));
        } else {
            options = base;
        }
        IncidentCorrelator correlator = new IncidentCorrelator(options);
        ScopeState state = new ScopeState();
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Instant> firingSince = new HashMap<>();
        Instant now = BEGINNING;
        int incidentsSeen = 0;
        for (int step = 0; step < 3_000; step++) {
            now = now.plusSeconds(random.nextInt(90));
            String fp = "fp" + random.nextInt(40);
            String service =
                    SERVICES[
                            fp.hashCode() % SERVICES.length < 0
                                    ? 0
                                    : fp.hashCode() % SERVICES.length];
            int action = random.nextInt(10);
            if (action < 6) {
                Instant start =
                        firingSince.computeIfAbsent(fp, k -> null) == null
                                ? now
                                : firingSince.get(fp);
                firingSince.put(fp, start);
                correlator.onAlert(
                        state,
                        firing(
                                fp,
                                "Rule" + fp,
                                service,
                                start,
                                random.nextInt(3) == 0 ? Severity.CRITICAL : Severity.WARNING));
            } else if (action < 9) {
                Instant start = firingSince.remove(fp);
                correlator.onAlert(
                        state,
                        resolved(fp, "Rule" + fp, service, start == null ? now : start, now));
            } else {
                Optional<Instant> check = state.nextCheck();
                if (check.isPresent() && !check.get().isAfter(now)) {
                    correlator.onTime(state, check.get());
                    assertThat(state.nextCheck().map(at -> at.isAfter(check.get())).orElse(true))
                            .as("a timer makes progress")
                            .isTrue();
                }
            }
            if (step % 500 == 250) {
                state =
                        EventJson.read(
                                EventJson.toBytes(state), ScopeState.class); // as after a restore
            }
            incidentsSeen = Math.max(incidentsSeen, state.open().size());
            for (int f = 0; f < 40; f++) {
                String probe = "fp" + f;
                Optional<String> scanned =
                        state.open().stream()
                                .filter(i -> i.holds(probe))
                                .map(OpenIncident::id)
                                .findFirst();
                assertThat(state.holding(probe).map(OpenIncident::id))
                        .as("holder of %s at step %d", probe, step)
                        .isEqualTo(scanned);
            }
            Optional<Instant> exact = state.nextStaleCheck(options);
            assertThat(state.nextCheck().isPresent())
                    .as("a check is due while something is tracked")
                    .isEqualTo(exact.isPresent());
            if (exact.isPresent()) {
                assertThat(state.nextCheck().get())
                        .as("step %d", step)
                        .isBeforeOrEqualTo(exact.get());
            }
        }
        assertThat(incidentsSeen)
                .as("the stream tracked several incidents at once")
                .isGreaterThan(3);
    }
}
