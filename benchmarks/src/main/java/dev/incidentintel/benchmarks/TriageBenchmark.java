package dev.incidentintel.benchmarks;

import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.ProgressListener;
import dev.incidentintel.triage.Suggestion;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import dev.incidentintel.triage.TriageTrainer;
import dev.incidentintel.triage.dataset.TicketTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Triage model speed on the shared ticket datasets (path from {@code -Dincident-intel.datasets},
 * default {@code ../shared/datasets/tickets} from the repository root).
 *
 * <ul>
 *   <li>{@link #suggest}: one ticket through Lucene analysis, feature hashing and the classifier,
 *       one thread (goal: 10,000 tickets/s). Model: default options (CV winner) on the topic set,
 *       category target.
 *   <li>{@link Training#train}: {@code TriageTrainer.train} on the first {@code rows} tickets of
 *       the assignment-group set (73 teams) with the default options: 5-fold CV of the three
 *       candidate families on the selection sample, calibration and the final fit (goal: 5,000
 *       tickets under 30 s); {@code -p candidates=...} compares others.
 * </ul>
 */
public class TriageBenchmark {

    static Path datasets() {
        Path dir =
                Path.of(
                        System.getProperty(
                                "incident-intel.datasets", "../shared/datasets/tickets"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "shared datasets folder missing: " + dir.toAbsolutePath().normalize());
        }
        return dir;
    }

    /** Inference state: a trained model and the tickets to classify, cycled. */
    @State(Scope.Thread)
    public static class Inference {
        TriageModel model;
        TriageInput[] tickets;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            TicketTable t =
                    TicketTable.read(datasets().resolve("it_service_ticket_topic_subset.csv"));
            List<TriageInput> in = t.inputs(List.of("Document"));
            Properties p = new Properties();
            model =
                    new TriageTrainer(Options.of(p), ProgressListener.NONE)
                            .train(in, Map.of(Suggestion.CATEGORY, t.column("Topic_group")));
            tickets = in.toArray(TriageInput[]::new);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 5, time = 3)
    @Fork(1)
    public Suggestion suggest(Inference s) {
        TriageInput in = s.tickets[s.next];
        s.next = (s.next + 1) % s.tickets.length;
        return s.model.suggest(in);
    }

    /** Training state: the first {@code rows} tickets of the assignment-group set. */
    @State(Scope.Benchmark)
    public static class Training {
        @Param({"5000"})
        public int rows;

        /** Classifiers compared by 5-fold CV: the defaults (three Smile families). */
        @Param({"logistic,linear_svm,random_forest"})
        public String candidates;

        List<TriageInput> inputs;
        List<String> teams;

        @Setup(Level.Trial)
        public void setUp() {
            TicketTable t =
                    TicketTable.read(
                            datasets().resolve("ticket_assignment_groups_preprocessed.csv"));
            inputs = t.inputs(List.of("Short description", "Description")).subList(0, rows);
            teams = t.column("Assignment group").subList(0, rows);
        }

        @Benchmark
        @BenchmarkMode(Mode.SingleShotTime)
        @OutputTimeUnit(TimeUnit.SECONDS)
        @Warmup(iterations = 0)
        @Measurement(iterations = 2)
        @Fork(1)
        public TriageModel train() {
            Properties p = new Properties();
            p.setProperty("triage.candidates", candidates);
            return new TriageTrainer(Options.of(p), ProgressListener.NONE)
                    .train(inputs, Map.of(Suggestion.TEAM, teams));
        }
    }
}
