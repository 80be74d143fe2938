package dev.incidentintel.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.correlation.anomaly.eval.LogparseEvaluation;
import dev.incidentintel.correlation.anomaly.logs.MinerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate logparse}: runs the streaming template miner over every Loghub 2k system in a
 * folder (layout of loghub_2k / loghub_2k_corrected), writes {@code SYSTEM_2k.log_parsed.csv}
 * ({@code LineId,EventTemplate}) per system and prints the grouping accuracy per system and on
 * average, next to Drain's published figure. One miner setting for all systems.
 */
@Command(
        name = "logparse",
        mixinStandardHelpOptions = true,
        description = "Mine log templates over Loghub 2k systems and print grouping accuracy.")
public final class EvaluateLogparseCommand implements Callable<Integer> {
    @Option(
            names = "--dir",
            required = true,
            description = "Folder with SYSTEM/SYSTEM_2k.log and ground truth.")
    Path dir;

    @Option(names = "--out", required = true, description = "Folder for the per-system CSV files.")
    Path out;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Option(names = "--depth", description = "Parse-tree depth. Default: ${DEFAULT-VALUE}.")
    int depth = MinerOptions.DEFAULTS.depth();

    @Option(
            names = "--similarity",
            description = "Similarity threshold. Default: ${DEFAULT-VALUE}.")
    double similarity = MinerOptions.DEFAULTS.similarityThreshold();

    @Override
    public Integer call() throws IOException {
        MinerOptions options =
                new MinerOptions(
                        depth,
                        similarity,
                        MinerOptions.DEFAULTS.maxChildren(),
                        MinerOptions.DEFAULTS.maxTemplatesPerLeaf());
        LogparseEvaluation.Report r = LogparseEvaluation.run(dir, out, options);
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("dir", dir.toString());
            root.put("depth", depth);
            root.put("similarity_threshold", similarity);
            List<Map<String, Object>> systems = new ArrayList<>();
            for (LogparseEvaluation.SystemResult s : r.systems()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("system", s.system());
                m.put("truth_file", s.truthFile());
                m.put("lines", s.lines());
                m.put("templates", s.templates());
                m.put("grouping_accuracy", s.accuracy());
                m.put(
                        "drain_published",
                        Double.isNaN(s.publishedDrain()) ? null : s.publishedDrain());
                systems.add(m);
            }
            root.put("systems", systems);
            root.put("average_grouping_accuracy", r.averageAccuracy());
            System.out.println(new ObjectMapper().writeValueAsString(root));
            return 0;
        }
        System.out.printf(
                "%-12s %6s %9s %9s %9s  %s%n",
                "SYSTEM", "LINES", "TEMPLATES", "ACCURACY", "DRAIN", "TRUTH");
        for (LogparseEvaluation.SystemResult s : r.systems()) {
            System.out.printf(
                    "%-12s %6d %9d %9.4f %9s  %s%n",
                    s.system(),
                    s.lines(),
                    s.templates(),
                    s.accuracy(),
                    Double.isNaN(s.publishedDrain())
                            ? "-"
                            : String.format("%.4f", s.publishedDrain()),
                    s.truthFile());
        }
        System.out.printf("%-12s %6s %9s %9.4f%n", "average", "", "", r.averageAccuracy());
        System.out.println("parsed templates written to " + out.toAbsolutePath());
        return 0;
    }
}
