package dev.incidentintel.correlation.correlate;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.firing;
import static dev.incidentintel.correlation.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.Severity;
import dev.incidentintel.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ScopeState#copy()} replaces a JSON round trip as the job's state copy: on random
 * notification streams a copy must serialise exactly like the original (so no field is forgotten)
 * and must stay as it was while the original goes on changing (so nothing mutable is shared).
 */
class ScopeStateCopyTest {
    private static final String[] SERVICES = {"checkout", "payments", "db", "cart"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void aCopyIsEqualAndIndependent(long seed) {
        IncidentCorrelator correlator =
                new IncidentCorrelator(
                        new GroupingOptions(
                                Duration.ofMinutes(5),
                                Duration.ofMinutes(40),
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(3)));
        ScopeState state = new ScopeState();
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Instant> firingSince = new HashMap<>();
        List<ScopeState> copies = new ArrayList<>();
        List<String> copiedAs = new ArrayList<>();
        Instant now = BEGINNING;
        for (int step = 0; step < 2_000; step++) {
            now = now.plusSeconds(random.nextInt(60));
            String fp = "fp" + random.nextInt(30);
            String service = SERVICES[Math.floorMod(fp.hashCode(), SERVICES.length)];
            if (random.nextInt(10) < 7) {
                Instant start =
                        firingSince.computeIfAbsent(fp, k -> null) == null
                                ? null
                                : firingSince.get(fp);
                Instant startsAt = start == null ? now : start;
                firingSince.put(fp, startsAt);
                correlator.onAlert(
                        state,
                        firing(
                                fp,
                                "Rule" + fp,
                                service,
                                startsAt,
                                random.nextBoolean() ? Severity.CRITICAL : Severity.WARNING));
            } else {
                Instant start = firingSince.remove(fp);
                correlator.onAlert(
                        state,
                        resolved(fp, "Rule" + fp, service, start == null ? now : start, now));
            }
            if (step % 97 == 0) {
                ScopeState copy = state.copy();
                String json = json(state);
                assertThat(json(copy)).as("copy at step %d", step).isEqualTo(json);
                copies.add(copy);
                copiedAs.add(json);
            }
        }
        assertThat(state.open()).as("the stream leaves incidents to compare").isNotEmpty();
        for (int i = 0; i < copies.size(); i++) {
            assertThat(json(copies.get(i)))
                    .as("copy %d after the original went on", i)
                    .isEqualTo(copiedAs.get(i));
        }
        // A copy works on its own: correlating on it leaves the original untouched.
        String before = json(state);
        ScopeState copy = state.copy();
        correlator.onAlert(
                copy,
                firing("fp-new", "RuleNew", "checkout", now.plusSeconds(1), Severity.CRITICAL));
        assertThat(json(state)).isEqualTo(before);
        assertThat(json(copy)).isNotEqualTo(before);
    }

    private static String json(ScopeState state) {
        return new String(EventJson.toBytes(state), StandardCharsets.UTF_8);
    }
}
