package dev.incidentintel.correlation.anomaly.eval;

import dev.incidentintel.correlation.anomaly.logs.LogFormat;
import dev.incidentintel.correlation.anomaly.logs.LogTemplateMiner;
import dev.incidentintel.correlation.anomaly.logs.MinedTemplate;
import dev.incidentintel.correlation.anomaly.logs.MinerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the template miner over every system of a Loghub 2k folder ({@code SYSTEM/SYSTEM_2k.log}
 * plus {@code SYSTEM_2k.log_structured[_corrected].csv}), writes {@code SYSTEM_2k.log_parsed.csv}
 * ({@code LineId,EventTemplate}) per system and scores grouping accuracy against the ground truth
 * ({@code _corrected} preferred when present).
 */
public final class LogparseEvaluation {
    private LogparseEvaluation() {}

    /** Result for one system. */
    public record SystemResult(
            String system,
            String truthFile,
            int lines,
            int templates,
            double accuracy,
            double publishedDrain) {}

    /** Results of a whole folder. */
    public record Report(List<SystemResult> systems) {
        /** Mean accuracy over systems (NaN when empty). */
        public double averageAccuracy() {
            return systems.stream()
                    .mapToDouble(SystemResult::accuracy)
                    .average()
                    .orElse(Double.NaN);
        }
    }

    /**
     * Evaluates every system folder under {@code dir}; writes parsed CSVs to {@code out} when
     * non-null.
     */
    public static Report run(Path dir, Path out, MinerOptions options) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        List<SystemResult> results = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path sys : children.filter(Files::isDirectory).sorted().toList()) {
                String name = sys.getFileName().toString();
                Path log = sys.resolve(name + "_2k.log");
                if (Files.isRegularFile(log)) {
                    results.add(evaluateSystem(name, sys, log, out, options));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no SYSTEM/SYSTEM_2k.log found under " + dir);
        }
        return new Report(results);
    }

    /**
     * Mines {@code lines} (raw log lines) with the header layout of {@code format}; per-line
     * templates.
     */
    public static List<String> mine(List<String> lines, LogFormat format, MinerOptions options) {
        LogTemplateMiner miner = new LogTemplateMiner(options);
        int[] ids = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            MinedTemplate t = miner.add(format.content(lines.get(i)));
            ids[i] = t.clusterId();
        }
        // Final templates, as Drain outputs them: a line's group is its template text at the end.
        List<String> templates = new ArrayList<>(lines.size());
        for (int id : ids) {
            templates.add(miner.template(id));
        }
        return templates;
    }

    private static SystemResult evaluateSystem(
            String name, Path sys, Path log, Path out, MinerOptions options) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        List<String> parsed = mine(lines, LoghubLayout.formatOf(name), options);
        if (out != null) {
            Files.createDirectories(out);
            StringBuilder sb = new StringBuilder("LineId,EventTemplate\n");
            for (int i = 0; i < parsed.size(); i++) {
                sb.append(i + 1).append(',').append(Csv.field(parsed.get(i))).append('\n');
            }
            Files.writeString(
                    out.resolve(name + "_2k.log_parsed.csv"),
                    sb.toString(),
                    StandardCharsets.UTF_8);
        }
        Path truthFile = sys.resolve(name + "_2k.log_structured_corrected.csv");
        if (!Files.isRegularFile(truthFile)) {
            truthFile = sys.resolve(name + "_2k.log_structured.csv");
        }
        if (!Files.isRegularFile(truthFile)) {
            throw new IllegalArgumentException(
                    "ground truth missing for " + name + ": " + truthFile);
        }
        Map<Integer, String> truthById = readTruth(truthFile);
        List<String> truth = new ArrayList<>();
        List<String> pred = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            String t = truthById.get(i + 1);
            if (t != null) {
                truth.add(t);
                pred.add(parsed.get(i));
            }
        }
        int templates = (int) parsed.stream().distinct().count();
        return new SystemResult(
                name,
                truthFile.getFileName().toString(),
                truth.size(),
                templates,
                GroupingAccuracy.of(truth, pred),
                LoghubLayout.publishedDrainAccuracy(name));
    }

    /**
     * LineId to ground-truth template, from a structured CSV with LineId and EventTemplate columns.
     */
    static Map<Integer, String> readTruth(Path file) throws IOException {
        List<List<String>> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        int idCol = header.indexOf("LineId");
        int tplCol = header.indexOf("EventTemplate");
        if (idCol < 0 || tplCol < 0) {
            throw new IllegalArgumentException("LineId/EventTemplate columns missing in " + file);
        }
        Map<Integer, String> out = new HashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            out.put(Integer.parseInt(r.get(idCol).trim()), r.get(tplCol));
        }
        return out;
    }
}
