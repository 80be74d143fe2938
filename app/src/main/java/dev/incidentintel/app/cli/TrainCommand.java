package dev.incidentintel.app.cli;

import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseTriageHistoryRepository;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.triage.ConsoleProgress;
import dev.incidentintel.triage.ModelMetadata;
import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.TrainingSet;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import dev.incidentintel.triage.TriageTrainer;
import dev.incidentintel.triage.dataset.TicketTable;
import dev.incidentintel.triage.feedback.HistoricIncident;
import dev.incidentintel.triage.feedback.HistoryLabels;
import dev.incidentintel.triage.feedback.LabelledIncident;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains the triage model from ticket files (CSV or NDJSON) and/or the incident history in
 * ClickHouse, and writes the model directory. Each file {@code --target} column becomes one target;
 * {@code column=name} renames it (e.g. {@code "Assignment group=team"}), so the API sees the
 * standard names category/team/impact/urgency. From ClickHouse ({@code --from-clickhouse}) every
 * incident detected within {@code --since} is read with its member alerts, and labelled by people's
 * decisions only ({@link HistoryLabels}: the last {@code assign} step gives the team; category and
 * priority where the model filled nothing).
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train the triage model (category/team/impact/urgency/priority) from ticket files and/or "
                        + "the incident history in ClickHouse (learning from reassignments).")
public final class TrainCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            split = ",",
            description =
                    "Training file(s), CSV or NDJSON (.ndjson/.jsonl); several are concatenated.")
    List<Path> data = List.of();

    @Option(
            names = "--text-cols",
            split = ",",
            description =
                    "Text columns of --data: the first is the title, the rest the description.")
    List<String> textCols = List.of();

    @Option(
            names = "--target",
            split = ",",
            description =
                    "Label column(s) of --data to learn, each optionally renamed: column[=name].")
    List<String> targets = List.of();

    @Option(
            names = "--from-clickhouse",
            description =
                    "Also learn from the incident history in ClickHouse: people's team assignments "
                            + "(last 'assign' step), and category/priority where people set them.")
    boolean fromClickHouse;

    @Option(
            names = "--clickhouse-url",
            paramLabel = "JDBC_URL",
            description =
                    "ClickHouse to read the history from (env CLICKHOUSE_URL). Default: "
                            + ApiConfig.DEFAULT_CLICKHOUSE_URL
                            + ".")
    String clickhouseUrl = "";

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "P90D",
            description =
                    "With --from-clickhouse: incidents detected within this span before now, ISO-8601. "
                            + "Default: ${DEFAULT-VALUE}.")
    Duration since;

    @Option(names = "--out", required = true, description = "Model directory to write.")
    Path out;

    @Mixin TriageModelOptions model = new TriageModelOptions();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        validate();
        Options options = model.toOptions();
        TrainingSet set = new TrainingSet();
        for (Path file : data) {
            TicketTable table = TicketTable.read(file);
            System.err.printf("read %d rows from %s%n", table.rows().size(), file);
            Map<String, List<String>> columns = new LinkedHashMap<>();
            for (String t : targets) {
                String[] parts = t.split("=", 2);
                String name = parts.length == 2 ? parts[1].trim() : parts[0].trim();
                columns.put(name, table.column(parts[0].trim()));
            }
            List<TriageInput> inputs = table.inputs(textCols);
            for (int i = 0; i < inputs.size(); i++) {
                Map<String, String> row = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> c : columns.entrySet()) {
                    row.put(c.getKey(), c.getValue().get(i));
                }
                set.add(inputs.get(i), row);
            }
        }
        if (fromClickHouse) {
            addHistory(set);
        }
        Map<String, List<String>> labels = set.trainableLabels();
        set.labelledRows()
                .forEach(
                        (t, n) -> {
                            if (!labels.containsKey(t)) {
                                System.err.printf(
                                        "target %s skipped: fewer than two distinct labels in %d labelled rows%n",
                                        t, n);
                            }
                        });
        if (labels.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "nothing to train: no target has two distinct labels");
        }
        long t0 = System.nanoTime();
        TriageModel trained =
                new TriageTrainer(options, new ConsoleProgress(System.err))
                        .train(set.inputs(), labels);
        double seconds = (System.nanoTime() - t0) / 1e9;
        trained.save(out);
        System.out.printf(
                "trained on %d rows in %.1f s; model written to %s%n",
                set.inputs().size(), seconds, out);
        for (Map.Entry<String, ModelMetadata.TargetReport> e :
                trained.metadata().targets().entrySet()) {
            ModelMetadata.TargetReport r = e.getValue();
            System.out.printf(
                    "  %-16s %-14s classes %3d  cv (%d rows) accuracy %.4f  macro-F1 %.4f  "
                            + "precision %.4f / coverage %.4f at confidence >= %.2f%n",
                    e.getKey(),
                    r.algorithm(),
                    r.classes(),
                    r.cvRows(),
                    r.cvAccuracy(),
                    r.cvMacroF1(),
                    r.precisionAtThreshold(),
                    r.coverageAtThreshold(),
                    r.abstainThreshold());
            r.candidates()
                    .forEach(
                            (alg, m) ->
                                    System.out.printf(
                                            "      candidate %-14s accuracy %.4f  macro-F1 %.4f%n",
                                            alg, m.get("accuracy"), m.get("macro_f1")));
        }
        return 0;
    }

    private void validate() {
        if (data.isEmpty() && !fromClickHouse) {
            throw new ParameterException(
                    spec.commandLine(), "give --data FILE and/or --from-clickhouse");
        }
        if (!data.isEmpty() && (textCols.isEmpty() || targets.isEmpty())) {
            throw new ParameterException(
                    spec.commandLine(), "--data needs --text-cols and --target");
        }
        if (since.isNegative() || since.isZero()) {
            throw new ParameterException(
                    spec.commandLine(), "--since must be positive, got " + since);
        }
    }

    private void addHistory(TrainingSet set) {
        String url =
                clickhouseUrl == null || clickhouseUrl.isBlank()
                        ? ApiConfig.DEFAULT_CLICKHOUSE_URL
                        : clickhouseUrl;
        ClickHouseTriageHistoryRepository history =
                new ClickHouseTriageHistoryRepository(
                        ClickHouseConnections.of(ClickHouseUrl.parse(url)));
        Instant from = Instant.now().minus(since);
        List<HistoricIncident> incidents = history.incidents(from);
        List<LabelledIncident> examples =
                HistoryLabels.examples(incidents, history.assignments(from));
        examples.forEach(l -> set.add(l.input(), l.labels()));
        System.err.printf(
                "read %d incidents detected since %s from %s; %d carry labels set by people "
                        + "(team %d, category %d, priority %d)%n",
                incidents.size(),
                from,
                url,
                examples.size(),
                examples.stream().filter(l -> !l.team().isEmpty()).count(),
                examples.stream().filter(l -> !l.category().isEmpty()).count(),
                examples.stream().filter(l -> !l.priority().isEmpty()).count());
    }
}
