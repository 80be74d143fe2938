package dev.incidentintel.benchmarks;

import dev.incidentintel.correlation.clickhouse.PendingRows;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a checkpoint costs the ClickHouse alert sink on the task thread when its rows are not stored
 * yet: writing a full batch in flight ({@value #ROWS} alerts, the sink's default batch size) as
 * {@link PendingRows} state, and reading it back on restore. One thread, milliseconds per batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SinkStateBenchmark {
    /** Alerts in the pending state: one full batch of the default sink options. */
    public static final int ROWS = 10_000;

    private final PendingRows.Serializer<AlertEvent> serializer =
            new PendingRows.Serializer<>(AlertEvent.class);
    private PendingRows<AlertEvent> rows;
    private byte[] written;

    @Setup
    public void setUp() throws IOException {
        List<AlertEvent> alerts = new ArrayList<>(ROWS);
        Instant t = Instant.parse("2026-11-25T00:00:00Z");
        for (int i = 0; i < ROWS; i++) {
            Instant at = t.plusMillis(i * 7L);
            String service = "svc-" + (i % 200);
            alerts.add(
                    new AlertEvent(
                            AlertEvent.SCHEMA_VERSION,
                            "alertmanager",
                            at,
                            at.plusMillis(20),
                            "fp-" + (i % 3000),
                            AlertStatus.FIRING,
                            "HighErrorRate",
                            service,
                            "prod",
                            Severity.ERROR,
                            "error rate above 5% on " + service,
                            Map.of(
                                    "alertname",
                                    "HighErrorRate",
                                    "service",
                                    service,
                                    "env",
                                    "prod",
                                    "pod",
                                    "pod-" + i % 17),
                            Map.of("runbook", "https://runbooks.example/high-error-rate"),
                            at.minusSeconds(30),
                            null,
                            "http://prometheus:9090/graph?g0.expr=errors",
                            ""));
        }
        rows = new PendingRows<>(alerts);
        written = serializer.serialize(rows);
    }

    @Benchmark
    public byte[] snapshot() throws IOException {
        return serializer.serialize(rows);
    }

    @Benchmark
    public PendingRows<AlertEvent> restore() throws IOException {
        return serializer.deserialize(serializer.getVersion(), written);
    }
}
