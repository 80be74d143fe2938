package dev.incidentintel.correlation.correlate;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.firing;
import static dev.incidentintel.correlation.Alerts.withCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.incidentintel.correlation.dedup.MemberAlert;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttachScorerTest {
    /** db <- api <- web (web depends on api, api on db); batch alone. */
    private static final ServiceTopology TOPOLOGY =
            new ServiceTopology(
                    1,
                    List.of(
                            new ServiceTopology.Service("db", "", List.of()),
                            new ServiceTopology.Service("api", "", List.of("db")),
                            new ServiceTopology.Service("web", "", List.of("api")),
                            new ServiceTopology.Service("batch", "", List.of())));

    /**
     * Only time and topology count, one half-life per minute: score = 0.5 ^ ((minutes + hops) / 2).
     */
    private static final AttachOptions TIME_AND_TOPOLOGY =
            new AttachOptions(1, 0, 1, 0, 0, 0.4, Duration.ofMinutes(1), List.of("cluster"));

    private static OpenIncident incidentWith(AlertEvent... alerts) {
        OpenIncident incident = new OpenIncident("inc-1", "t", "prod", alerts[0].eventTime());
        for (AlertEvent a : alerts) {
            incident.add(
                    MemberAlert.firstFiring(a),
                    new AttachScorer(TIME_AND_TOPOLOGY).labelPairs(a.labels()));
        }
        return incident;
    }

    @Test
    void tokensSplitCamelCaseAndPunctuationAndDropDigits() {
        assertThat(AttachScorer.tokens("HighLatencyP99"))
                .containsExactlyInAnyOrder("high", "latency", "p");
        assertThat(AttachScorer.tokens("disk-07_full")).containsExactlyInAnyOrder("disk", "full");
        assertThat(AttachScorer.tokens("HTTPServerDown"))
                .containsExactlyInAnyOrder("http", "server", "down");
    }

    /** The loop must give what the regular-expression definition gave, on any text. */
    @Test
    void tokensAgreeWithTheRegularExpressionDefinition() {
        java.util.regex.Pattern camel =
                java.util.regex.Pattern.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
        java.util.regex.Pattern nonWord = java.util.regex.Pattern.compile("[^A-Za-z0-9]+");
        String alphabet = "aAbBzZxY09_- .:/éÄ";
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(16);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            java.util.Set<String> expected = new java.util.HashSet<>();
            for (String word : nonWord.split(text)) {
                for (String part : camel.split(word)) {
                    String t = part.toLowerCase(java.util.Locale.ROOT).replaceAll("[0-9]+", "");
                    if (!t.isEmpty()) {
                        expected.add(t);
                    }
                }
            }
            assertThat(AttachScorer.tokens(text.toString()))
                    .as("tokens of \"%s\"", text)
                    .isEqualTo(expected);
        }
    }

    @Test
    void jaccardIsUndefinedOnlyWhenBothSidesAreEmpty() {
        assertThat(AttachScorer.jaccard(Set.of("a", "b"), Set.of("b", "c"))).isEqualTo(1.0 / 3);
        assertThat(AttachScorer.jaccard(Set.of("a"), Set.of())).isZero();
        assertThat(AttachScorer.jaccard(Set.of(), Set.of())).isNaN();
    }

    @Test
    void aCascadeStepAlongTheDependencyScoresOneHopAndItsStartGap() {
        OpenIncident incident = incidentWith(firing("f1", "DbDown", "db", BEGINNING));
        AttachScore s =
                new AttachScorer(TIME_AND_TOPOLOGY)
                        .score(
                                firing("f2", "ApiErrors", "api", BEGINNING.plusSeconds(60)),
                                incident,
                                TOPOLOGY);

        assertThat(s.hops()).isEqualTo(1);
        assertThat(s.gapSeconds()).isEqualTo(60.0);
        assertThat(s.time()).isEqualTo(0.5);
        assertThat(s.topology()).isEqualTo(0.5);
        assertThat(s.score()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void againstTheDependencyDirectionAHopCostsOneMore() {
        OpenIncident incident = incidentWith(firing("f1", "ApiErrors", "api", BEGINNING));
        AttachScore s =
                new AttachScorer(TIME_AND_TOPOLOGY)
                        .score(firing("f2", "DbDown", "db", BEGINNING), incident, TOPOLOGY);
        assertThat(s.hops()).isEqualTo(2);
        assertThat(s.score()).isCloseTo(Math.sqrt(0.25), within(1e-9));
    }

    @Test
    void theNearestMemberIsTheOneWithTheFewestWeightedHalvings() {
        OpenIncident incident =
                incidentWith(
                        firing("f1", "DbDown", "db", BEGINNING),
                        firing("f2", "ApiErrors", "api", BEGINNING.plusSeconds(600)));
        AttachScore s =
                new AttachScorer(TIME_AND_TOPOLOGY)
                        .score(
                                firing("f3", "WebErrors", "web", BEGINNING.plusSeconds(630)),
                                incident,
                                TOPOLOGY);
        assertThat(s.hops()).isEqualTo(1);
        assertThat(s.gapSeconds()).isEqualTo(30.0);
    }

    @Test
    void unconnectedServicesScoreTheUnconnectedHopsAndUnknownOnesAreNotMeasured() {
        OpenIncident incident = incidentWith(firing("f1", "DbDown", "db", BEGINNING));
        AttachScorer scorer = new AttachScorer(TIME_AND_TOPOLOGY);
        AttachScore unconnected =
                scorer.score(firing("f2", "BatchLate", "batch", BEGINNING), incident, TOPOLOGY);
        assertThat(unconnected.topology()).isEqualTo(Math.pow(0.5, AttachScorer.UNCONNECTED_HOPS));
        assertThat(unconnected.score()).isLessThan(TIME_AND_TOPOLOGY.threshold());

        AttachScore unknown =
                scorer.score(firing("f3", "Other", "elsewhere", BEGINNING), incident, TOPOLOGY);
        assertThat(unknown.topology()).isNaN();
        assertThat(unknown.hops()).isEqualTo(-1);
        assertThat(unknown.score()).as("only time measured, no gap").isEqualTo(1.0);
        assertThat(unknown.components(0.4))
                .doesNotContainKeys("topologyScore", "hops", "labelScore");
    }

    @Test
    void everyComponentWeighsInAsAWeightedGeometricMean() {
        AttachOptions all =
                new AttachOptions(1, 1, 1, 1, 1, 0.4, Duration.ofMinutes(1), List.of("cluster"));
        AlertEvent first = withCluster(firing("f1", "DbLatencyHigh", "db", BEGINNING), "eu");
        OpenIncident incident = incidentWith(first);
        AlertEvent next =
                withCluster(firing("f2", "ApiLatencyHigh", "api", BEGINNING.plusSeconds(60)), "us");

        AttachScore s = new AttachScorer(all).score(next, incident, TOPOLOGY);

        assertThat(s.service()).isEqualTo(0.5);
        assertThat(s.labelSimilarity()).isZero();
        assertThat(s.labels()).isEqualTo(0.5);
        assertThat(s.textSimilarity()).isEqualTo(0.5); // {latency, high} of {db|api, latency, high}
        assertThat(s.text()).isEqualTo(0.75);
        double expected = Math.pow(0.5 * 0.5 * 0.5 * 0.5 * 0.75, 1.0 / 5);
        assertThat(s.score()).isCloseTo(expected, within(1e-9));
        Map<String, Double> c = s.components(0.4);
        assertThat(c)
                .containsEntry("threshold", 0.4)
                .containsEntry("hops", 1.0)
                .containsEntry("labelScore", 0.5)
                .containsKeys(
                        "score",
                        "timeScore",
                        "serviceScore",
                        "topologyScore",
                        "textScore",
                        "gapSeconds");
    }
}
