package dev.incidentintel.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioGeneratorTest {

    @Test
    void theSameSeedGivesTheSameScenarioAndAnotherSeedAnother() {
        ScenarioSpec storm = ScenarioSpec.named("storm");
        Scenario a = ScenarioGenerator.generate(storm, 7);
        Scenario b = ScenarioGenerator.generate(storm, 7);
        Scenario c = ScenarioGenerator.generate(storm, 8);
        assertThat(b.alerts()).isEqualTo(a.alerts());
        assertThat(b.deploys()).isEqualTo(a.deploys());
        assertThat(b.episodes()).isEqualTo(a.episodes());
        assertThat(b.topology()).isEqualTo(a.topology());
        assertThat(c.alerts()).isNotEqualTo(a.alerts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"storm", "mixed", "sparse", "tiny"})
    void truthCoversEveryNotificationAndEveryOccurrenceIsNotified(String name) {
        Scenario s = ScenarioGenerator.generate(ScenarioSpec.named(name), 42);
        Map<Occurrence, String> truth = s.truth();
        Set<Occurrence> notified = new HashSet<>();
        for (AlertEvent a : s.alerts()) {
            Occurrence o = new Occurrence(a.fingerprint(), a.startsAt());
            assertThat(truth).as("truth of %s", a).containsKey(o);
            if (a.firing()) {
                notified.add(o);
            }
        }
        assertThat(notified).isEqualTo(truth.keySet());
        assertThat(s.alerts()).isSortedAccordingTo(Comparator.comparing(AlertEvent::receivedAt));
        int occurrences = s.episodes().stream().mapToInt(e -> e.occurrences().size()).sum();
        assertThat(truth).hasSize(occurrences); // no occurrence in two episodes
    }

    @Test
    void cascadesFollowDependenciesFromTheRootOutwards() {
        Scenario s = ScenarioGenerator.generate(ScenarioSpec.named("storm"), 42);
        Map<String, String> serviceOf = new HashMap<>();
        s.alerts().forEach(a -> serviceOf.put(a.fingerprint(), a.service()));
        int multiService = 0;
        for (Episode e : s.episodes()) {
            for (Map.Entry<String, Integer> affected : e.depths().entrySet()) {
                if (affected.getValue() == 0) {
                    assertThat(affected.getKey()).isEqualTo(e.root());
                    continue;
                }
                // A service at depth d depends on a service of the same episode at depth d - 1.
                List<String> deps = s.topology().dependencies().get(affected.getKey());
                assertThat(
                                deps.stream()
                                        .anyMatch(
                                                d ->
                                                        Integer.valueOf(affected.getValue() - 1)
                                                                .equals(e.depths().get(d))))
                        .as("%s in %s", affected.getKey(), e.id())
                        .isTrue();
            }
            Set<String> services = new HashSet<>();
            for (Occurrence o : e.occurrences()) {
                String service = serviceOf.get(o.fingerprint());
                assertThat(e.depths()).as("%s of %s", service, e.id()).containsKey(service);
                services.add(service);
                assertThat(o.startsAt()).isAfterOrEqualTo(e.impactStart());
            }
            multiService += services.size() > 1 ? 1 : 0;
        }
        assertThat(multiService)
                .as("episodes spanning several services")
                .isGreaterThan(s.episodes().size() / 5);
    }

    @Test
    void repeatsKeepTheirStartAndAnAlertNeverFiresTwiceAtOnce() {
        Scenario s = ScenarioGenerator.generate(ScenarioSpec.named("mixed"), 42);
        Map<Occurrence, Integer> firings = new HashMap<>();
        Map<Occurrence, Instant> ends = new HashMap<>();
        for (AlertEvent a : s.alerts()) {
            Occurrence o = new Occurrence(a.fingerprint(), a.startsAt());
            if (a.firing()) {
                firings.merge(o, 1, Integer::sum);
            } else {
                assertThat(ends.put(o, a.endsAt())).as("one resolve per occurrence").isNull();
            }
        }
        assertThat(firings.values().stream().filter(n -> n > 1).count())
                .as("repeated alerts")
                .isPositive();
        assertThat(ends.keySet()).isEqualTo(firings.keySet());
        Map<String, List<Occurrence>> byFingerprint = new HashMap<>();
        ends.keySet()
                .forEach(
                        o ->
                                byFingerprint
                                        .computeIfAbsent(o.fingerprint(), k -> new ArrayList<>())
                                        .add(o));
        for (List<Occurrence> list : byFingerprint.values()) {
            list.sort(Comparator.naturalOrder());
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i).startsAt()).isAfter(ends.get(list.get(i - 1)));
            }
        }
        // Flaps: an episode with two occurrences of one fingerprint.
        assertThat(
                        s.episodes().stream()
                                .anyMatch(
                                        e ->
                                                e.occurrences().stream()
                                                                .map(Occurrence::fingerprint)
                                                                .distinct()
                                                                .count()
                                                        < e.occurrences().size()))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"storm", "mixed"})
    void anotherEpisodeRaisesAnAlertOnlyAfterTheReopenWindowOfItsLastEpisode(String name) {
        // The job sends a notification of an alert whose incident is open, or resolved less than
        // the
        // reopen window ago, to that incident; a truth that put it in another episode would
        // contradict it.
        Duration reopen = GroupingOptions.DEFAULT_REOPEN_WINDOW;
        for (long seed = 1; seed <= 10; seed++) {
            Scenario s = ScenarioGenerator.generate(ScenarioSpec.named(name), seed);
            Map<Occurrence, Instant> ends = new HashMap<>();
            s.alerts().stream()
                    .filter(a -> !a.firing())
                    .forEach(
                            a ->
                                    ends.put(
                                            new Occurrence(a.fingerprint(), a.startsAt()),
                                            a.endsAt()));
            Map<String, Episode> episodeOf = new HashMap<>();
            Map<String, Instant> episodeEnd = new HashMap<>();
            for (Episode e : s.episodes()) {
                Instant end =
                        e.occurrences().stream()
                                .map(ends::get)
                                .max(Comparator.naturalOrder())
                                .orElseThrow();
                episodeEnd.put(e.id(), end);
            }
            List<Map.Entry<Occurrence, Episode>> all = new ArrayList<>();
            s.episodes().forEach(e -> e.occurrences().forEach(o -> all.add(Map.entry(o, e))));
            all.sort(Map.Entry.comparingByKey());
            int reused = 0;
            for (Map.Entry<Occurrence, Episode> entry : all) {
                Episode previous = episodeOf.put(entry.getKey().fingerprint(), entry.getValue());
                if (previous != null && previous != entry.getValue()) {
                    reused++;
                    assertThat(entry.getKey().startsAt())
                            .as(
                                    "%s in %s after %s (seed %d)",
                                    entry.getKey(), entry.getValue().id(), previous.id(), seed)
                            .isAfter(episodeEnd.get(previous.id()).plus(reopen));
                }
            }
            assertThat(reused)
                    .as("alerts raised again by a later episode (seed %d)", seed)
                    .isPositive();
        }
    }

    @Test
    void badDeploysHitTheRootFiveToThirtyMinutesBeforeImpact() {
        Scenario s = ScenarioGenerator.generate(ScenarioSpec.named("storm"), 42);
        assertThat(s.badDeploys()).isNotEmpty();
        for (Episode e : s.episodes()) {
            if (e.badDeploy().isEmpty()) {
                continue;
            }
            DeployEvent d =
                    s.deploys().stream()
                            .filter(x -> (x.service() + "@" + x.version()).equals(e.badDeploy()))
                            .findFirst()
                            .orElseThrow();
            assertThat(d.service()).isEqualTo(e.root());
            Duration before = Duration.between(d.eventTime(), e.impactStart());
            assertThat(before).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(30));
        }
        assertThat(s.deploys().size()).isGreaterThan(s.badDeploys().size()); // benign deploys too
    }

    @Test
    void namedScenariosHaveAFewThousandNotificationsAtMost() {
        for (String name : List.of("storm", "mixed")) {
            Scenario s = ScenarioGenerator.generate(ScenarioSpec.named(name), 42);
            assertThat(s.alerts().size()).as(name).isBetween(1_000, 10_000);
            assertThat(s.episodes().stream().filter(Episode::noise).count()).as(name).isPositive();
        }
    }
}
