package dev.incidentintel.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.triage.priority.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriageModelTest {
    private static TriageModel model;

    @BeforeAll
    static void train() {
        Properties p = new Properties();
        p.setProperty("triage.folds", "3");
        p.setProperty("triage.hash_bits", "12");
        p.setProperty("triage.forest.trees", "20");
        Fixtures.Data d = Fixtures.tickets(90, 1);
        model =
                new TriageTrainer(Options.of(p), ProgressListener.NONE)
                        .train(d.inputs(), d.labels());
    }

    @Test
    void predictsCategoryAndTeamFromWordsItHasNotSeenTogether() {
        Suggestion s =
                model.suggest(TriageInput.ofText("postgres replication lag", "deadlock on vacuum"));
        assertThat(s.category().orElseThrow().label()).isEqualTo("database");
        assertThat(s.team().orElseThrow().label()).isEqualTo("team-database");
        Suggestion n = model.suggest(TriageInput.ofText("vpn packet loss", "router dns timeout"));
        assertThat(n.category().orElseThrow().label()).isEqualTo("network");
    }

    @Test
    void priorityComesFromPredictedImpactAndUrgencyThroughTheMatrix() {
        // database words -> impact high, urgency high -> P1; access words -> low/low -> P5.
        assertThat(
                        model.suggest(
                                        TriageInput.ofText(
                                                "postgres deadlock", "replication lag query slow"))
                                .priority())
                .contains(Priority.P1);
        assertThat(
                        model.suggest(
                                        TriageInput.ofText(
                                                "password reset", "account locked login mfa"))
                                .priority())
                .contains(Priority.P5);
    }

    @Test
    void statedImpactAndUrgencyWinOverThePrediction() {
        Suggestion s =
                model.suggest(
                        TriageInput.ofText("password reset", "account locked login")
                                .withImpactUrgency("company-wide", "medium"));
        assertThat(s.priority()).contains(Priority.P2);
        assertThat(s.priorityConfidence()).isEqualTo(1.0);
    }

    @Test
    void aLearntPriorityTargetGivesThePriorityWhenImpactAndUrgencyAreNotKnown() {
        Properties p = new Properties();
        p.setProperty("triage.folds", "3");
        p.setProperty("triage.hash_bits", "12");
        p.setProperty("triage.candidates", "logistic");
        Fixtures.Data d = Fixtures.tickets(90, 3);
        // access tickets are P4 or P5 at random: the calibrator learns that not every answer is
        // right.
        java.util.Random r = new java.util.Random(4);
        List<String> priority =
                d.labels().get("category").stream()
                        .map(
                                c ->
                                        c.equals("database")
                                                ? "P1"
                                                : c.equals("network")
                                                        ? "P3"
                                                        : r.nextBoolean() ? "P4" : "P5")
                        .toList();
        TriageModel m =
                new TriageTrainer(Options.of(p), ProgressListener.NONE)
                        .train(
                                d.inputs(),
                                java.util.Map.of(
                                        "category",
                                        d.labels().get("category"),
                                        "priority",
                                        priority));
        Suggestion s = m.suggest(TriageInput.ofText("vpn packet loss", "router dns timeout"));
        assertThat(s.priority()).contains(Priority.P3);
        assertThat(s.priorityConfidence())
                .isEqualTo(s.get("priority").orElseThrow().confidence())
                .isPositive();
        // Stated impact and urgency still go through the matrix.
        assertThat(
                        m.suggest(
                                        TriageInput.ofText("vpn packet loss", "router")
                                                .withImpactUrgency("high", "high"))
                                .priority())
                .contains(Priority.P1);
        // Text the model has never seen: the priority target abstains, so no priority; at threshold
        // 0 it answers.
        TriageInput noise = TriageInput.ofText("please help", "thanks");
        assertThat(m.predict("priority", noise).abstain()).isTrue();
        assertThat(m.suggest(noise).priority()).isEmpty();
        assertThat(m.withAbstainThreshold(0.0).suggest(noise).priority()).isPresent();
    }

    @Test
    void recordsMetadataAndEveryCandidate() {
        ModelMetadata m = model.metadata();
        assertThat(m.trainingRows()).isEqualTo(90);
        assertThat(m.trainingDataSha256()).hasSize(64);
        assertThat(m.smileVersion()).isEqualTo("3.1.1");
        assertThat(m.targets()).containsOnlyKeys("category", "team", "impact", "urgency");
        assertThat(m.targets().get("category").candidates())
                .containsOnlyKeys("logistic", "linear_svm", "random_forest");
        assertThat(m.targets().get("category").perClass())
                .containsOnlyKeys("database", "network", "access");
    }

    @Test
    void theHashChangesWhenALabelChanges() {
        Fixtures.Data d = Fixtures.tickets(6, 1);
        String h1 = TriageTrainer.hash(d.inputs(), d.labels());
        List<String> cats = new java.util.ArrayList<>(d.labels().get("category"));
        cats.set(0, "network");
        String h2 = TriageTrainer.hash(d.inputs(), java.util.Map.of("category", cats));
        assertThat(h1).isNotEqualTo(h2).isEqualTo(TriageTrainer.hash(d.inputs(), d.labels()));
    }

    @Test
    void saveAndLoadGiveTheSamePredictionsAndMetadata(@TempDir Path dir) {
        model.save(dir);
        assertThat(dir.resolve(TriageModel.METADATA)).exists();
        TriageModel loaded = TriageModel.load(dir);
        assertThat(loaded.metadata()).isEqualTo(model.metadata());
        assertThat(loaded.options()).isEqualTo(model.options());
        for (TriageInput in : Fixtures.tickets(12, 99).inputs()) {
            assertThat(loaded.suggest(in)).isEqualTo(model.suggest(in));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "maxent", "linear_svm", "random_forest"})
    void everyAlgorithmSurvivesTheRoundTripThroughTheLoadFilter(
            String algorithm, @TempDir Path dir) {
        Properties p = new Properties();
        p.setProperty("triage.folds", "3");
        p.setProperty("triage.hash_bits", "10");
        p.setProperty("triage.forest.trees", "10");
        p.setProperty("triage.candidates", algorithm);
        Fixtures.Data d = Fixtures.tickets(60, 5);
        TriageModel m =
                new TriageTrainer(Options.of(p), ProgressListener.NONE)
                        .train(
                                d.inputs(),
                                java.util.Map.of("category", d.labels().get("category")));
        m.save(dir);
        TriageModel loaded = TriageModel.load(dir);
        assertThat(loaded.target("category").algorithm().id()).isEqualTo(algorithm);
        for (TriageInput in : Fixtures.tickets(9, 6).inputs()) {
            assertThat(loaded.predict("category", in)).isEqualTo(m.predict("category", in));
        }
    }

    @Test
    void abstainsWhenConfidenceIsBelowTheThreshold() {
        TriageInput in = TriageInput.ofText("please help", "thanks");
        Prediction p = model.predict("category", in);
        assertThat(model.withAbstainThreshold(0.0).predict("category", in).abstain()).isFalse();
        // Just above the confidence the model gives: must abstain; at it: must not.
        double c = p.confidence();
        assertThat(
                        model.withAbstainThreshold(Math.min(1.0, Math.nextUp(c)))
                                .predict("category", in)
                                .abstain())
                .isEqualTo(c < 1.0);
        assertThat(model.withAbstainThreshold(c).predict("category", in).abstain()).isFalse();
        assertThat(model.withAbstainThreshold(c).suggest(in).abstain()).isFalse();
    }

    @Test
    void unknownTargetIsAnError() {
        assertThatThrownBy(() -> model.predict("colour", TriageInput.ofText("x", "y")))
                .isInstanceOf(TriageException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void reloadsWhenTheArtifactChanges(@TempDir Path dir) throws Exception {
        model.save(dir);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ReloadingTriageModel holder = new ReloadingTriageModel(dir, Duration.ofSeconds(10), clock);
        TriageModel first = holder.current();
        model.withAbstainThreshold(0.99).save(dir);
        Path file = dir.resolve(TriageModel.ARTIFACT);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(holder.current()).isSameAs(first); // not yet time to check
        clock.now = clock.now.plusSeconds(11);
        TriageModel second = holder.current();
        assertThat(second).isNotSameAs(first);
        assertThat(second.options().abstainThreshold()).isEqualTo(0.99);
        // A corrupt file keeps the last good model.
        Files.writeString(file, "not a model");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.current()).isSameAs(second);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
