package dev.incidentintel.benchmarks;

import dev.incidentintel.correlation.anomaly.eval.LoghubLayout;
import dev.incidentintel.correlation.anomaly.logs.LogFormat;
import dev.incidentintel.correlation.anomaly.logs.LogTemplateMiner;
import dev.incidentintel.correlation.anomaly.logs.MinerOptions;
import dev.incidentintel.correlation.anomaly.series.ContextAnomalyDetector;
import dev.incidentintel.correlation.anomaly.series.ContextOptions;
import dev.incidentintel.correlation.anomaly.series.DetectorOptions;
import dev.incidentintel.correlation.anomaly.series.SeriesAnomalyDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the pure anomaly code on one thread: the template miner on the messages (headers
 * already stripped, as the Flink operator sees them) of every Loghub 2k system, cycled through one
 * long-lived miner per system so the tree is in steady state; and the time-series detectors (the
 * production combination, the statistical part and the contextual part) on a noisy daily pattern
 * with occasional spikes. The {@code detectPoint*} detectors are trained in the setup on {@link
 * #TRAIN_PASSES} passes over that series, so they measure the steady state (the pattern is known,
 * the context memory rarely grows); {@code detectSeriesCold} measures a fresh detector over a
 * NAB-sized series, learning included (one op is one point). Loghub folder: {@code -Dloghub.dir},
 * default {@code ../shared/datasets/loghub/loghub_2k} relative to the working directory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnomalyBenchmark {
    /**
     * Passes over the 65,536-point series that train the steady-state detectors before measuring.
     */
    public static final int TRAIN_PASSES = 8;

    /**
     * Points of the series a cold detector streams per invocation (NAB files hold 1,000-22,000).
     */
    public static final int COLD_POINTS = 5_000;

    private String[] messages;
    private LogTemplateMiner[] miners;
    private int[] minerOf;
    private int nextLine;

    private long[] times;
    private double[] values;
    private SeriesAnomalyDetector detector;
    private SeriesAnomalyDetector statistical;
    private ContextAnomalyDetector contextual;
    private int nextPoint;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Path.of(System.getProperty("loghub.dir", "../shared/datasets/loghub/loghub_2k"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "shared datasets folder missing: " + dir.toAbsolutePath().normalize());
        }
        List<String> msgs = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Path> systems;
        try (Stream<Path> s = Files.list(dir)) {
            systems = s.filter(Files::isDirectory).sorted().toList();
        }
        for (int k = 0; k < systems.size(); k++) {
            String name = systems.get(k).getFileName().toString();
            LogFormat format = LoghubLayout.formatOf(name);
            for (String line : Files.readAllLines(systems.get(k).resolve(name + "_2k.log"))) {
                if (!line.isEmpty()) {
                    msgs.add(format.content(line));
                    owner.add(k);
                }
            }
        }
        messages = msgs.toArray(new String[0]);
        minerOf = owner.stream().mapToInt(Integer::intValue).toArray();
        miners = new LogTemplateMiner[systems.size()];
        for (int k = 0; k < miners.length; k++) {
            miners[k] = new LogTemplateMiner(MinerOptions.DEFAULTS);
        }
        for (int i = 0; i < messages.length; i++) {
            miners[minerOf[i]].add(messages[i]);
        }

        SplittableRandom random = new SplittableRandom(42);
        int n = 1 << 16;
        times = new long[n];
        values = new double[n];
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            times[i] = t0 + i * 300_000L;
            double hours = i / 12.0;
            values[i] =
                    100
                            + 20 * Math.sin(2 * Math.PI * hours / 24)
                            + random.nextGaussian() * 2
                            + (random.nextInt(500) == 0 ? 50 : 0);
        }
        detector = new SeriesAnomalyDetector(DetectorOptions.DEFAULTS);
        statistical = new SeriesAnomalyDetector(DetectorOptions.DEFAULTS.withoutContext());
        contextual = new ContextAnomalyDetector(ContextOptions.DEFAULTS);
        for (int pass = 0; pass < TRAIN_PASSES; pass++) {
            for (int i = 0; i < n; i++) {
                detector.update(times[i], values[i]);
                statistical.update(times[i], values[i]);
                contextual.update(values[i]);
            }
        }
    }

    /** One log message through the miner of its system. */
    @Benchmark
    public int mineTemplate() {
        int i = nextLine;
        nextLine = i + 1 == messages.length ? 0 : i + 1;
        return miners[minerOf[i]].add(messages[i]).clusterId();
    }

    /** One point through the production detector (statistical and contextual, combined). */
    @Benchmark
    public double detectPoint() {
        int i = next();
        return detector.update(times[i], values[i]);
    }

    /**
     * One point through the statistical detectors alone (seasonal baseline, Holt-Winters, CUSUM).
     */
    @Benchmark
    public double detectPointStatistical() {
        int i = next();
        return statistical.update(times[i], values[i]);
    }

    /** One point through the contextual detector alone (CAD OSE style). */
    @Benchmark
    public double detectPointContextual() {
        return contextual.update(values[next()]);
    }

    /**
     * A fresh production detector over the first {@link #COLD_POINTS} points: learning included.
     */
    @Benchmark
    @OperationsPerInvocation(COLD_POINTS)
    public double detectSeriesCold() {
        SeriesAnomalyDetector d = new SeriesAnomalyDetector(DetectorOptions.DEFAULTS);
        double sum = 0;
        for (int i = 0; i < COLD_POINTS; i++) {
            sum += d.update(times[i], values[i]);
        }
        return sum;
    }

    private int next() {
        int i = nextPoint;
        nextPoint = (i + 1) & (times.length - 1);
        return i;
    }
}
