package dev.incidentintel.correlation.anomaly.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.correlation.anomaly.series.DetectorOptions;
import dev.incidentintel.correlation.anomaly.series.SeriesAnomalyDetector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Streams every series of a NAB-layout folder ({@code CATEGORY/FILE.csv} with {@code
 * timestamp,value}) through a fresh {@link SeriesAnomalyDetector}, writes {@code CATEGORY/FILE.csv}
 * with {@code timestamp,value,anomaly_score} to the output folder, and scores the labelled files
 * with {@link NabScorer} against {@code combined_windows.json}.
 */
public final class NabEvaluation {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NabEvaluation() {}

    /** Result of a run: per-profile scores and how many files were streamed and scored. */
    public record Report(
            Map<String, NabScorer.ProfileScore> profiles,
            int filesStreamed,
            int filesScored,
            int windows,
            long points) {}

    /** Finds {@code combined_windows.json} in {@code data} or its parent; null when absent. */
    public static Path defaultWindows(Path data) {
        for (Path p :
                new Path[] {
                    data.resolve("combined_windows.json"),
                    data.toAbsolutePath().getParent() == null
                            ? null
                            : data.toAbsolutePath().getParent().resolve("combined_windows.json")
                }) {
            if (p != null && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Where the contextual detector's value range comes from: {@code LEARNT} from the series' first
     * values (as in the Flink job), or {@code FILE}, the file's min and max, which NAB's harness
     * hands every detector ({@code inputMin}/{@code inputMax}; HTM and CAD OSE are scored with it).
     * {@code FILE} looks ahead and is for comparison with published NAB results only.
     */
    public enum Range {
        LEARNT,
        FILE
    }

    /**
     * Runs the detector over {@code data} with a learnt range; writes outputs under {@code out}
     * when non-null.
     */
    public static Report run(Path data, Path windowsFile, Path out, DetectorOptions options) {
        return run(data, windowsFile, out, options, Range.LEARNT);
    }

    /** Runs the detector over {@code data}; writes outputs under {@code out} when non-null. */
    public static Report run(
            Path data, Path windowsFile, Path out, DetectorOptions options, Range range) {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("not a directory: " + data);
        }
        if (windowsFile == null || !Files.isRegularFile(windowsFile)) {
            throw new IllegalArgumentException("labelled windows file missing: " + windowsFile);
        }
        try {
            Map<String, List<LocalDateTime[]>> labels = readWindows(windowsFile);
            List<Path> csvs;
            try (Stream<Path> walk = Files.walk(data)) {
                csvs = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
            }
            List<NabScorer.ScoredFile> scored = new ArrayList<>();
            long points = 0;
            int windows = 0;
            for (Path csv : csvs) {
                String rel = data.relativize(csv).toString().replace('\\', '/');
                Series s = readSeries(csv);
                double[] scores = detect(s, options, range);
                points += scores.length;
                if (out != null) {
                    write(out.resolve(rel), s, scores);
                }
                List<LocalDateTime[]> w = labels.get(rel);
                if (w != null) {
                    List<int[]> idx = toIndices(s.times, w);
                    windows += idx.size();
                    scored.add(new NabScorer.ScoredFile(rel, scores, idx));
                }
            }
            if (scored.isEmpty()) {
                throw new IllegalArgumentException(
                        "no file under " + data + " is labelled in " + windowsFile);
            }
            return new Report(
                    NabScorer.scoreAll(scored), csvs.size(), scored.size(), windows, points);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scores of one series, in order, from a fresh detector that learns the range. */
    public static double[] detect(Series s, DetectorOptions options) {
        return detect(s, options, Range.LEARNT);
    }

    /** Scores of one series, in order, from a fresh detector. */
    public static double[] detect(Series s, DetectorOptions options, Range range) {
        SeriesAnomalyDetector d =
                range == Range.FILE && s.values.length > 0
                        ? new SeriesAnomalyDetector(
                                options,
                                Arrays.stream(s.values).min().getAsDouble(),
                                Arrays.stream(s.values).max().getAsDouble())
                        : new SeriesAnomalyDetector(options);
        double[] out = new double[s.values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.update(s.times[i].toInstant(ZoneOffset.UTC).toEpochMilli(), s.values[i]);
        }
        return out;
    }

    /** A NAB series: timestamps (UTC wall clock) and values. */
    public record Series(LocalDateTime[] times, double[] values) {}

    /** Reads {@code timestamp,value} rows. */
    public static Series readSeries(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<LocalDateTime> times = new ArrayList<>(lines.size());
        double[] values = new double[Math.max(0, lines.size() - 1)];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            int comma = l.indexOf(',');
            times.add(parseTime(l.substring(0, comma)));
            values[n++] = Double.parseDouble(l.substring(comma + 1));
        }
        return new Series(times.toArray(new LocalDateTime[0]), java.util.Arrays.copyOf(values, n));
    }

    static LocalDateTime parseTime(String s) {
        String t = s.strip();
        int dot = t.indexOf('.');
        return LocalDateTime.parse(dot > 0 ? t.substring(0, dot) : t, TS);
    }

    static Map<String, List<LocalDateTime[]>> readWindows(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Map<String, List<LocalDateTime[]>> out = new HashMap<>();
        root.properties()
                .forEach(
                        e -> {
                            List<LocalDateTime[]> ws = new ArrayList<>();
                            for (JsonNode w : e.getValue()) {
                                ws.add(
                                        new LocalDateTime[] {
                                            parseTime(w.get(0).asText()),
                                            parseTime(w.get(1).asText())
                                        });
                            }
                            out.put(e.getKey(), ws);
                        });
        return out;
    }

    /**
     * Window bounds as inclusive row ranges: first row at or after the start, last row at or before
     * the end.
     */
    static List<int[]> toIndices(LocalDateTime[] times, List<LocalDateTime[]> windows) {
        List<int[]> out = new ArrayList<>();
        for (LocalDateTime[] w : windows) {
            int left = -1;
            int right = -1;
            for (int i = 0; i < times.length; i++) {
                if (left < 0 && !times[i].isBefore(w[0])) {
                    left = i;
                }
                if (!times[i].isAfter(w[1])) {
                    right = i;
                }
            }
            if (left >= 0 && right >= left) {
                out.add(new int[] {left, right});
            }
        }
        return out;
    }

    private static void write(Path file, Series s, double[] scores) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score\n");
            for (int i = 0; i < scores.length; i++) {
                w.write(TS.format(s.times[i]) + "," + s.values[i] + "," + scores[i] + "\n");
            }
        }
    }
}
