package dev.incidentintel.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationMetricsTest {
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private static final Occurrence A = new Occurrence("a", T);
    private static final Occurrence B = new Occurrence("b", T.plusSeconds(10));
    private static final Occurrence C = new Occurrence("c", T.plusSeconds(20));
    private static final Occurrence D = new Occurrence("d", T.plusSeconds(30));
    private static final Occurrence E = new Occurrence("e", T.plusSeconds(40));

    /** Episodes {a,b,c} and {d,e}; incidents {a,b} and {c,d,e}. */
    private static final Map<Occurrence, String> EPISODES =
            Map.of(A, "E1", B, "E1", C, "E1", D, "E2", E, "E2");

    private static final Map<Occurrence, String> INCIDENTS =
            Map.of(A, "I1", B, "I1", C, "I2", D, "I2", E, "I2");

    @Test
    void pairwiseFiguresOfAHandWorkedGrouping() {
        // True pairs: ab ac bc de = 4. Predicted pairs: ab cd ce de = 4. Both: ab de = 2.
        CorrelationMetrics.Report r =
                CorrelationMetrics.score(EPISODES, INCIDENTS, 2, 40, Map.of(), Map.of(), Map.of());
        assertThat(r.precision()).isEqualTo(0.5);
        assertThat(r.recall()).isEqualTo(0.5);
        assertThat(r.f1()).isEqualTo(0.5);
        assertThat(r.episodesSplit()).isEqualTo(1); // E1 over I1 and I2
        assertThat(r.incidentsMerged()).isEqualTo(1); // I2 holds E1 and E2
        assertThat(r.episodes()).isEqualTo(2);
        assertThat(r.occurrences()).isEqualTo(5);
        assertThat(r.noiseReduction()).isEqualTo(1 - 2 / 40.0);
    }

    @Test
    void precisionAndRecallDifferWhenOnlyOneSideHasPairs() {
        // Everything in one incident: predicted pairs 10, true pairs 4, all 4 predicted together.
        Map<Occurrence, String> one = new HashMap<>();
        EPISODES.keySet().forEach(o -> one.put(o, "I"));
        CorrelationMetrics.Report merged =
                CorrelationMetrics.score(EPISODES, one, 1, 10, Map.of(), Map.of(), Map.of());
        assertThat(merged.precision()).isEqualTo(0.4);
        assertThat(merged.recall()).isEqualTo(1.0);
        assertThat(merged.f1()).isCloseTo(2 * 0.4 / 1.4, within(1e-12));
        assertThat(merged.episodesSplit()).isZero();
        assertThat(merged.incidentsMerged()).isEqualTo(1);

        // Every occurrence alone: no predicted pairs (precision 1 by convention), recall 0.
        Map<Occurrence, String> alone = new HashMap<>();
        EPISODES.keySet().forEach(o -> alone.put(o, o.fingerprint()));
        CorrelationMetrics.Report split =
                CorrelationMetrics.score(EPISODES, alone, 5, 10, Map.of(), Map.of(), Map.of());
        assertThat(split.precision()).isEqualTo(1.0);
        assertThat(split.recall()).isEqualTo(0.0);
        assertThat(split.f1()).isEqualTo(0.0);
        assertThat(split.episodesSplit()).isEqualTo(2);
        assertThat(split.incidentsMerged()).isZero();
    }

    @Test
    void aPerfectGroupingScoresOne() {
        Map<Occurrence, String> same = new HashMap<>();
        EPISODES.forEach((o, e) -> same.put(o, "inc-" + e));
        CorrelationMetrics.Report r =
                CorrelationMetrics.score(EPISODES, same, 2, 100, Map.of(), Map.of(), Map.of());
        assertThat(r.precision()).isEqualTo(1.0);
        assertThat(r.recall()).isEqualTo(1.0);
        assertThat(r.f1()).isEqualTo(1.0);
        assertThat(r.episodesSplit()).isZero();
        assertThat(r.incidentsMerged()).isZero();
        assertThat(r.noiseReduction()).isEqualTo(0.98);
    }

    @Test
    void anUnlinkedOccurrenceCountsAsAnIncidentOfItsOwn() {
        Map<Occurrence, String> missingC = new HashMap<>(INCIDENTS);
        missingC.remove(C);
        // Incidents {a,b}, {c}, {d,e}: exactly the two episodes' pairs ab and de are found, nothing
        // wrong.
        CorrelationMetrics.Report r =
                CorrelationMetrics.score(EPISODES, missingC, 2, 40, Map.of(), Map.of(), Map.of());
        assertThat(r.unlinked()).isEqualTo(1);
        assertThat(r.precision()).isEqualTo(1.0);
        assertThat(r.recall()).isEqualTo(0.5);
        assertThat(r.incidentsMerged()).isZero();
        assertThat(r.episodesSplit()).isEqualTo(1);
    }

    @Test
    void suspectPrecisionAtOneLooksAtTheIncidentOfTheEpisodesFirstOccurrence() {
        Map<String, String> bad = Map.of("E1", "db@v1", "E2", "api@v2");
        Map<String, Occurrence> first = Map.of("E1", A, "E2", D);
        // I1 (holding a) names db@v1 first: a hit. I2 (holding d) names another deploy: a miss.
        CorrelationMetrics.Report r =
                CorrelationMetrics.score(
                        EPISODES,
                        INCIDENTS,
                        2,
                        40,
                        bad,
                        first,
                        Map.of("I1", "db@v1", "I2", "api@v1"));
        assertThat(r.badDeployEpisodes()).isEqualTo(2);
        assertThat(r.suspectHits()).isEqualTo(1);
        assertThat(r.suspectPrecisionAt1()).isEqualTo(0.5);

        CorrelationMetrics.Report none =
                CorrelationMetrics.score(EPISODES, INCIDENTS, 2, 40, Map.of(), first, Map.of());
        assertThat(none.suspectPrecisionAt1()).isNaN();
    }

    @Test
    void noiseReductionIsUndefinedWithoutNotifications() {
        assertThat(CorrelationMetrics.noiseReduction(3, 0)).isNaN();
        assertThat(CorrelationMetrics.noiseReduction(5, 20)).isEqualTo(0.75);
    }

    @Test
    void assignPicksTheLatestLinkOfTheFingerprintAtOrBeforeTheStart() {
        List<IncidentLink> links =
                List.of(
                        new IncidentLink("inc-1", "x", T),
                        new IncidentLink("inc-2", "x", T.plusSeconds(3600)),
                        new IncidentLink("inc-3", "y", T.plusSeconds(60)));
        Occurrence first = new Occurrence("x", T);
        Occurrence flap = new Occurrence("x", T.plusSeconds(300));
        Occurrence later = new Occurrence("x", T.plusSeconds(3600));
        Occurrence before = new Occurrence("x", T.minusSeconds(1));
        Occurrence yEarly = new Occurrence("y", T);
        Map<Occurrence, String> got =
                CorrelationMetrics.assign(List.of(first, flap, later, before, yEarly), links);
        assertThat(got.get(first)).isEqualTo("inc-1");
        assertThat(got.get(flap)).isEqualTo("inc-1");
        assertThat(got.get(later)).isEqualTo("inc-2");
        assertThat(got.get(before)).startsWith(CorrelationMetrics.UNLINKED);
        assertThat(got.get(yEarly)).startsWith(CorrelationMetrics.UNLINKED);
    }
}
