package dev.incidentintel.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.correlation.anomaly.eval.NabEvaluation;
import dev.incidentintel.correlation.anomaly.eval.NabScorer;
import dev.incidentintel.correlation.anomaly.series.DetectorOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate nab}: streams every series of a NAB-layout folder through the anomaly detector,
 * writes {@code timestamp,value,anomaly_score} per file and prints the NAB score of each profile
 * (standard, reward_low_FP_rate, reward_low_FN_rate) at its best corpus-wide threshold.
 */
@Command(
        name = "nab",
        mixinStandardHelpOptions = true,
        description = "Score the time-series anomaly detector on the Numenta Anomaly Benchmark.")
public final class EvaluateNabCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "NAB data folder (CATEGORY/FILE.csv).")
    Path data;

    @Option(names = "--out", required = true, description = "Folder for the per-file score CSVs.")
    Path out;

    @Option(
            names = "--windows",
            description =
                    "Labelled windows (combined_windows.json). Default: in --data or its parent folder.")
    Path windows;

    @Option(
            names = "--input-range",
            defaultValue = "LEARNT",
            description =
                    "Value range of the contextual detector: LEARNT (first values, as in the Flink job; default) or"
                            + " FILE (each file's min/max, as NAB's harness gives every detector; looks ahead).")
    NabEvaluation.Range inputRange;

    @Option(names = "--json", description = "Print the scores as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path labels = windows != null ? windows : NabEvaluation.defaultWindows(data);
        if (labels == null) {
            throw new IllegalArgumentException(
                    "combined_windows.json not found in " + data + " or its parent; use --windows");
        }
        NabEvaluation.Report r =
                NabEvaluation.run(data, labels, out, DetectorOptions.DEFAULTS, inputRange);
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("data", data.toString());
            root.put("input_range", inputRange.name());
            root.put("files_streamed", r.filesStreamed());
            root.put("files_scored", r.filesScored());
            root.put("windows", r.windows());
            root.put("points", r.points());
            Map<String, Object> profiles = new LinkedHashMap<>();
            for (NabScorer.ProfileScore p : r.profiles().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("score", p.normalized());
                m.put("threshold", p.threshold());
                m.put("raw", p.rawScore());
                m.put("null_raw", p.nullScore());
                m.put("perfect_raw", p.perfectScore());
                m.put("true_positives", p.truePositives());
                m.put("false_positives", p.falsePositives());
                m.put("false_negatives", p.falseNegatives());
                profiles.put(p.profile(), m);
            }
            root.put("profiles", profiles);
            System.out.println(new ObjectMapper().writeValueAsString(root));
            return 0;
        }
        System.out.printf(
                "%d files streamed (%d points), %d scored against %d labelled windows (input range %s)%n",
                r.filesStreamed(), r.points(), r.filesScored(), r.windows(), inputRange);
        System.out.printf(
                "%-20s %7s %9s %5s %5s %5s%n", "PROFILE", "SCORE", "THRESHOLD", "TP", "FP", "FN");
        for (NabScorer.ProfileScore p : r.profiles().values()) {
            System.out.printf(
                    "%-20s %7.2f %9.4f %5d %5d %5d%n",
                    p.profile(),
                    p.normalized(),
                    p.threshold(),
                    p.truePositives(),
                    p.falsePositives(),
                    p.falseNegatives());
        }
        System.out.println("scores written to " + out.toAbsolutePath());
        return 0;
    }
}
