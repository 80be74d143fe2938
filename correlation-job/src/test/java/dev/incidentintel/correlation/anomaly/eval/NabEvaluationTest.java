package dev.incidentintel.correlation.anomaly.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.incidentintel.correlation.anomaly.series.DetectorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code evaluate nab}'s logic on the three artificial files with one labelled anomaly each.
 */
class NabEvaluationTest {
    private static final Path NAB = Path.of("../../shared/datasets/nab");

    @Test
    void streamsScoresAndWritesEveryFileOfAFolder(@TempDir Path tmp) throws IOException {
        if (!Files.isDirectory(NAB)) {
            throw new IllegalStateException(
                    "shared datasets folder missing: " + NAB.toAbsolutePath().normalize());
        }
        Path data = Files.createDirectories(tmp.resolve("data/artificialWithAnomaly"));
        for (String f :
                List.of(
                        "art_daily_flatmiddle.csv",
                        "art_daily_jumpsup.csv",
                        "art_increase_spike_density.csv")) {
            Files.copy(NAB.resolve("data/artificialWithAnomaly").resolve(f), data.resolve(f));
        }
        Path out = tmp.resolve("out");
        NabEvaluation.Report r =
                NabEvaluation.run(
                        tmp.resolve("data"),
                        NAB.resolve("combined_windows.json"),
                        out,
                        DetectorOptions.DEFAULTS);

        assertEquals(3, r.filesStreamed());
        assertEquals(3, r.filesScored());
        assertEquals(3, r.windows());
        List<String> rows =
                Files.readAllLines(out.resolve("artificialWithAnomaly/art_daily_jumpsup.csv"));
        assertEquals("timestamp,value,anomaly_score", rows.get(0));
        assertEquals(Files.readAllLines(data.resolve("art_daily_jumpsup.csv")).size(), rows.size());
        assertTrue(rows.get(1).startsWith("2014-04-01 00:00:00,"), rows.get(1));
        // Each of these files has one obvious change: the detector must beat the null detector (0).
        assertTrue(
                r.profiles().get("standard").normalized() > 0,
                "standard " + r.profiles().get("standard"));
        assertTrue(
                r.profiles().get("standard").truePositives() >= 2,
                "standard " + r.profiles().get("standard"));
    }

    @Test
    void onTheSharedCorpusAPerfectDetectorScoresHundredAndTheNullDetectorZero() throws IOException {
        Path data = NAB.resolve("data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException(
                    "shared datasets folder missing: " + data.toAbsolutePath().normalize());
        }
        var labels = NabEvaluation.readWindows(NAB.resolve("combined_windows.json"));
        List<NabScorer.ScoredFile> perfect = new java.util.ArrayList<>();
        List<NabScorer.ScoredFile> nothing = new java.util.ArrayList<>();
        List<NabScorer.ScoredFile> always = new java.util.ArrayList<>();
        int windows = 0;
        List<Path> csvs;
        try (var walk = Files.walk(data)) {
            csvs = walk.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path csv : csvs) {
            String rel = data.relativize(csv).toString().replace('\\', '/');
            NabEvaluation.Series s = NabEvaluation.readSeries(csv);
            List<int[]> idx =
                    NabEvaluation.toIndices(s.times(), labels.getOrDefault(rel, List.of()));
            assertEquals(
                    labels.getOrDefault(rel, List.of()).size(),
                    idx.size(),
                    rel + ": every window maps to rows");
            double[] hits = new double[s.values().length];
            for (int[] w : idx) {
                hits[w[0]] = 1.0; // a detection at the left edge of each window and nowhere else
            }
            windows += idx.size();
            perfect.add(new NabScorer.ScoredFile(rel, hits, idx));
            nothing.add(new NabScorer.ScoredFile(rel, new double[hits.length], idx));
            double[] ones = new double[hits.length];
            java.util.Arrays.fill(ones, 1.0);
            always.add(new NabScorer.ScoredFile(rel, ones, idx));
        }
        assertTrue(windows > 0, "no labelled window in " + data);
        for (NabScorer.Profile p : NabScorer.PROFILES) {
            NabScorer.ProfileScore best = NabScorer.score(perfect, p);
            assertEquals(100.0, best.normalized(), 1e-9, p.name());
            assertEquals(windows, best.truePositives(), p.name());
            assertEquals(0, best.falsePositives(), p.name());
            assertEquals(0.0, NabScorer.score(nothing, p).normalized(), 1e-9, p.name());
            // Flagging every row is never better than flagging nothing: the sweep keeps the null
            // threshold.
            assertEquals(0.0, NabScorer.score(always, p).normalized(), 1e-9, p.name());
        }
    }

    /**
     * The quality goal as a regression guard: the production (streaming, learnt-range)
     * detector scores at least 70 on NAB's standard profile over the shared corpus (70.81 when this
     * was written; docs/BENCHMARKS.md).
     */
    @Test
    void theStreamingDetectorReachesSeventyOnTheStandardProfile(@TempDir Path tmp)
            throws IOException {
        Path data = NAB.resolve("data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException(
                    "shared datasets folder missing: " + data.toAbsolutePath().normalize());
        }
        NabEvaluation.Report r =
                NabEvaluation.run(
                        data, NAB.resolve("combined_windows.json"), tmp, DetectorOptions.DEFAULTS);
        assertEquals(r.filesStreamed(), r.filesScored());
        assertTrue(
                r.profiles().get("standard").normalized() >= 70.0,
                "standard " + r.profiles().get("standard"));
    }

    @Test
    void windowBoundsBecomeInclusiveRowRanges() {
        var t =
                new java.time.LocalDateTime[] {
                    NabEvaluation.parseTime("2014-04-01 00:00:00"),
                            NabEvaluation.parseTime("2014-04-01 00:05:00"),
                    NabEvaluation.parseTime("2014-04-01 00:10:00"),
                            NabEvaluation.parseTime("2014-04-01 00:15:00")
                };
        List<java.time.LocalDateTime[]> windows = new java.util.ArrayList<>();
        windows.add(
                new java.time.LocalDateTime[] {
                    NabEvaluation.parseTime("2014-04-01 00:05:00.000000"),
                    NabEvaluation.parseTime("2014-04-01 00:12:00")
                });
        List<int[]> idx = NabEvaluation.toIndices(t, windows);
        assertEquals(1, idx.size());
        assertEquals(1, idx.get(0)[0]);
        assertEquals(2, idx.get(0)[1]);
    }
}
