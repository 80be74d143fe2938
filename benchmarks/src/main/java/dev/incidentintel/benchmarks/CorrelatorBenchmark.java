package dev.incidentintel.benchmarks;

import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.correlate.IncidentCorrelator;
import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Cost of one correlation decision: an alert storm in one scope where {@code distinctAlerts}
 * fingerprints fire, repeat and resolve in a cycle. Measures the pure correlator only (no Flink, no
 * serialisation), i.e. the upper bound per core for the keyed function's logic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CorrelatorBenchmark {
    @Param({"10", "1000"})
    public int distinctAlerts;

    private AlertEvent[] stream;
    private int next;
    private IncidentCorrelator correlator;
    private ScopeState state;

    @Setup(Level.Trial)
    public void setUp() {
        correlator =
                new IncidentCorrelator(
                        new GroupingOptions(Duration.ofMinutes(5), Duration.ofHours(24)));
        SplittableRandom random = new SplittableRandom(42);
        int n = 200_000;
        stream = new AlertEvent[n];
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        boolean[] firing = new boolean[distinctAlerts];
        Instant[] started = new Instant[distinctAlerts];
        for (int i = 0; i < n; i++) {
            t = t.plusMillis(100);
            int a = random.nextInt(distinctAlerts);
            String fp = "fp-" + a;
            AlertStatus status;
            if (!firing[a]) {
                status = AlertStatus.FIRING;
                firing[a] = true;
                started[a] = t;
            } else {
                status = random.nextInt(4) == 0 ? AlertStatus.RESOLVED : AlertStatus.FIRING;
                if (status == AlertStatus.RESOLVED) {
                    firing[a] = false;
                }
            }
            Instant eventTime = status == AlertStatus.FIRING ? started[a] : t;
            stream[i] =
                    new AlertEvent(
                            1,
                            "bench",
                            eventTime,
                            t,
                            fp,
                            status,
                            "Alert" + (a % 17),
                            "svc",
                            "prod",
                            Severity.WARNING,
                            "",
                            Map.of("alertname", "Alert" + (a % 17)),
                            Map.of(),
                            started[a],
                            status == AlertStatus.RESOLVED ? t : null,
                            "",
                            "");
        }
    }

    @Setup(Level.Iteration)
    public void resetState() {
        state = new ScopeState();
        next = 0;
    }

    @Benchmark
    public Object onAlert() {
        AlertEvent alert = stream[next];
        next = next + 1 == stream.length ? 0 : next + 1;
        if (next == 0) {
            state = new ScopeState();
        }
        return correlator.onAlert(state, alert);
    }
}
