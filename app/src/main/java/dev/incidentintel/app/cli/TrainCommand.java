package dev.incidentintel.app.cli;

import dev.incidentintel.triage.ConsoleProgress;
import dev.incidentintel.triage.ModelMetadata;
import dev.incidentintel.triage.Options;
import dev.incidentintel.triage.TriageInput;
import dev.incidentintel.triage.TriageModel;
import dev.incidentintel.triage.TriageTrainer;
import dev.incidentintel.triage.dataset.TicketTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the triage model from ticket files (CSV or NDJSON) and writes the model directory. Each
 * {@code --target} column becomes one target; {@code column=name} renames it (e.g.
 * {@code "Assignment group=team"}), so the API sees the standard names category/team/impact/urgency.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the triage model (category/team/impact/urgency) from ticket files.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, split = ",",
      description = "Training file(s), CSV or NDJSON (.ndjson/.jsonl); several are concatenated.")
  List<Path> data;

  @Option(names = "--text-cols", required = true, split = ",",
      description = "Text columns: the first is the title, the rest the description.")
  List<String> textCols;

  @Option(names = "--target", required = true, split = ",",
      description = "Label column(s) to learn, each optionally renamed: column[=name].")
  List<String> targets;

  @Option(names = "--out", required = true, description = "Model directory to write.")
  Path out;

  @Mixin TriageModelOptions model = new TriageModelOptions();

  @Override
  public Integer call() throws IOException {
    Options options = model.toOptions();
    List<TriageInput> inputs = new ArrayList<>();
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (Path file : data) {
      TicketTable table = TicketTable.read(file);
      System.err.printf("read %d rows from %s%n", table.rows().size(), file);
      inputs.addAll(table.inputs(textCols));
      for (String t : targets) {
        String[] parts = t.split("=", 2);
        String name = parts.length == 2 ? parts[1].trim() : parts[0].trim();
        labels.computeIfAbsent(name, k -> new ArrayList<>()).addAll(table.column(parts[0].trim()));
      }
    }
    long t0 = System.nanoTime();
    TriageModel model = new TriageTrainer(options, new ConsoleProgress(System.err))
        .train(inputs, labels);
    double seconds = (System.nanoTime() - t0) / 1e9;
    model.save(out);
    System.out.printf("trained on %d rows in %.1f s; model written to %s%n", inputs.size(), seconds, out);
    for (Map.Entry<String, ModelMetadata.TargetReport> e : model.metadata().targets().entrySet()) {
      ModelMetadata.TargetReport r = e.getValue();
      System.out.printf("  %-16s %-14s classes %3d  cv (%d rows) accuracy %.4f  macro-F1 %.4f  "
              + "precision %.4f / coverage %.4f at confidence >= %.2f%n",
          e.getKey(), r.algorithm(), r.classes(), r.cvRows(), r.cvAccuracy(), r.cvMacroF1(),
          r.precisionAtThreshold(), r.coverageAtThreshold(), r.abstainThreshold());
      r.candidates().forEach((alg, m) -> System.out.printf("      candidate %-14s accuracy %.4f  macro-F1 %.4f%n",
          alg, m.get("accuracy"), m.get("macro_f1")));
    }
    return 0;
  }
}
