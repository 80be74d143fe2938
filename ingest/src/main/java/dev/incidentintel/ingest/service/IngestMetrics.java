package dev.incidentintel.ingest.service;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingest stage, rendered in the Prometheus text exposition format (version 0.0.4)
 * by {@link #render()}. Thread-safe and lock-free on the hot path (LongAdder per series).
 *
 * <ul>
 *   <li>{@code ingest_events_accepted_total{endpoint}} – canonical events acknowledged by Kafka;
 *   <li>{@code ingest_requests_accepted_total{endpoint}} – requests answered 2xx;
 *   <li>{@code ingest_requests_rejected_total{reason}} – requests answered 4xx/5xx, by error code;
 *   <li>{@code ingest_ignored_total{endpoint}} – notifications understood but not modelled;
 *   <li>{@code ingest_dlq_total{endpoint}} / {@code ingest_dlq_failed_total} – dead letters written
 *       / that Kafka did not take;
 *   <li>{@code ingest_produce_latency_seconds} – histogram of the wait for Kafka's acknowledgement
 *       of one request's records.
 * </ul>
 */
public final class IngestMetrics {
    /** Upper bounds of the produce latency buckets, in seconds. */
    static final double[] BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private final Map<String, LongAdder> eventsAccepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> requestsAccepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> ignored = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dlq = new ConcurrentHashMap<>();
    private final LongAdder dlqFailed = new LongAdder();
    private final LongAdder[] latencyBuckets = new LongAdder[BUCKETS.length];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencySumNanos = new LongAdder();

    public IngestMetrics() {
        for (int i = 0; i < BUCKETS.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    /** A request of {@code endpoint} was answered 2xx with {@code events} events. */
    public void accepted(String endpoint, int events) {
        requestsAccepted.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
        eventsAccepted.computeIfAbsent(endpoint, k -> new LongAdder()).add(events);
    }

    /** A request was rejected with error code {@code reason}. */
    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** Notifications understood but not turned into events. */
    public void ignored(String endpoint, int count) {
        if (count > 0) {
            ignored.computeIfAbsent(endpoint, k -> new LongAdder()).add(count);
        }
    }

    /** Dead letters acknowledged by Kafka. */
    public void dlq(String endpoint, int count) {
        if (count > 0) {
            dlq.computeIfAbsent(endpoint, k -> new LongAdder()).add(count);
        }
    }

    /** A dead letter Kafka did not take. */
    public void dlqFailed() {
        dlqFailed.increment();
    }

    /** One wait for Kafka's acknowledgement. */
    public void produceLatency(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                latencyBuckets[i].increment();
            }
        }
        latencyCount.increment();
        latencySumNanos.add(nanos);
    }

    /** Current value of a rejected-by-reason counter (0 when never seen). */
    public long rejectedCount(String reason) {
        LongAdder a = rejected.get(reason);
        return a == null ? 0 : a.sum();
    }

    /** Total dead letters acknowledged. */
    public long dlqCount() {
        return dlq.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Total events accepted over all endpoints. */
    public long acceptedEvents() {
        return eventsAccepted.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The metrics in Prometheus text format. */
    public String render() {
        StringBuilder out = new StringBuilder(2048);
        counter(
                out,
                "ingest_events_accepted_total",
                "Canonical events acknowledged by Kafka.",
                "endpoint",
                eventsAccepted);
        counter(
                out,
                "ingest_requests_accepted_total",
                "Requests answered 2xx.",
                "endpoint",
                requestsAccepted);
        counter(
                out,
                "ingest_requests_rejected_total",
                "Requests rejected, by error code.",
                "reason",
                rejected);
        counter(
                out,
                "ingest_ignored_total",
                "Notifications understood but not modelled.",
                "endpoint",
                ignored);
        counter(out, "ingest_dlq_total", "Dead letters written to the DLQ topic.", "endpoint", dlq);
        out.append("# HELP ingest_dlq_failed_total Dead letters Kafka did not take.\n")
                .append("# TYPE ingest_dlq_failed_total counter\n")
                .append("ingest_dlq_failed_total ")
                .append(dlqFailed.sum())
                .append('\n');
        out.append(
                        "# HELP ingest_produce_latency_seconds Wait for Kafka's acknowledgement of one request.\n")
                .append("# TYPE ingest_produce_latency_seconds histogram\n");
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append("ingest_produce_latency_seconds_bucket{le=\"")
                    .append(format(BUCKETS[i]))
                    .append("\"} ")
                    .append(latencyBuckets[i].sum())
                    .append('\n');
        }
        long count = latencyCount.sum();
        out.append("ingest_produce_latency_seconds_bucket{le=\"+Inf\"} ")
                .append(count)
                .append('\n')
                .append("ingest_produce_latency_seconds_sum ")
                .append(format(latencySumNanos.sum() / 1e9))
                .append('\n')
                .append("ingest_produce_latency_seconds_count ")
                .append(count)
                .append('\n');
        return out.toString();
    }

    private static void counter(
            StringBuilder out,
            String name,
            String help,
            String label,
            Map<String, LongAdder> series) {
        out.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help)
                .append('\n')
                .append("# TYPE ")
                .append(name)
                .append(" counter\n");
        new TreeMap<>(series)
                .forEach(
                        (key, value) ->
                                out.append(name)
                                        .append('{')
                                        .append(label)
                                        .append("=\"")
                                        .append(escape(key))
                                        .append("\"} ")
                                        .append(value.sum())
                                        .append('\n'));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double d) {
        return String.format(Locale.ROOT, "%s", d);
    }
}
