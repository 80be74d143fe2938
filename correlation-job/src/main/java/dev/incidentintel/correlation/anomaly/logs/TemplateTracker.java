package dev.incidentintel.correlation.anomaly.logs;

import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Template mining for one service: tags each log line with a stable template id, keeps first/last
 * seen and counts per template, and counts lines per template per minute for rate anomaly
 * detection. {@link #flush} hands out what changed up to a time (template rows and finished minute
 * buckets).
 */
public final class TemplateTracker implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Kind of the per-template rate series. */
    public static final String LOG_RATE = "log_rate";

    private static final long MINUTE = 60_000L;

    private final String environment;
    private final String service;
    private final LogTemplateMiner miner;
    private final Map<Integer, long[]> stats =
            new HashMap<>(); // clusterId -> {firstMs, lastMs, count}
    private final Map<Integer, Boolean> dirty = new HashMap<>();
    private final TreeMap<Long, Map<Integer, Long>> buckets =
            new TreeMap<>(); // minute start -> counts
    private long lastSeenMs = Long.MIN_VALUE;

    public TemplateTracker(String environment, String service, MinerOptions options) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service must not be blank");
        }
        this.environment = environment == null || environment.isBlank() ? "unknown" : environment;
        this.service = service;
        this.miner = new LogTemplateMiner(options);
    }

    /** Mines {@code message} seen at {@code time}; returns the template id to tag the line with. */
    public String observe(String message, Instant time) {
        MinedTemplate t = miner.add(message);
        long ms = time.toEpochMilli();
        long[] s = stats.computeIfAbsent(t.clusterId(), k -> new long[] {ms, ms, 0});
        s[0] = Math.min(s[0], ms);
        s[1] = Math.max(s[1], ms);
        s[2]++;
        dirty.put(t.clusterId(), Boolean.TRUE);
        buckets.computeIfAbsent(Math.floorDiv(ms, MINUTE) * MINUTE, k -> new HashMap<>())
                .merge(t.clusterId(), 1L, Long::sum);
        lastSeenMs = Math.max(lastSeenMs, ms);
        return templateId(t.clusterId());
    }

    /** End of the minute that holds {@code time}: when its bucket can be flushed. */
    public static Instant bucketEnd(Instant time) {
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), MINUTE) * MINUTE + MINUTE);
    }

    /**
     * Rows and rate points ready at {@code now}: changed templates, and buckets that ended by
     * {@code now}.
     */
    public Flush flush(Instant now) {
        List<TemplateStats> rows = new ArrayList<>();
        for (Integer id : dirty.keySet()) {
            long[] s = stats.get(id);
            rows.add(
                    new TemplateStats(
                            environment,
                            service,
                            templateId(id),
                            miner.template(id),
                            Instant.ofEpochMilli(s[0]),
                            Instant.ofEpochMilli(s[1]),
                            s[2]));
        }
        dirty.clear();
        List<SeriesPoint> rates = new ArrayList<>();
        long cutoff = now.toEpochMilli();
        while (!buckets.isEmpty() && buckets.firstKey() + MINUTE <= cutoff) {
            Map.Entry<Long, Map<Integer, Long>> b = buckets.pollFirstEntry();
            for (Map.Entry<Integer, Long> c : b.getValue().entrySet()) {
                rates.add(
                        new SeriesPoint(
                                LOG_RATE,
                                environment,
                                service,
                                templateId(c.getKey()),
                                Instant.ofEpochMilli(b.getKey()),
                                c.getValue()));
            }
        }
        return new Flush(rows, rates);
    }

    /** True when minute buckets are still waiting for their end. */
    public boolean hasOpenBuckets() {
        return !buckets.isEmpty();
    }

    /** Start of the earliest bucket still open, or null. */
    public Instant earliestBucketEnd() {
        return buckets.isEmpty() ? null : Instant.ofEpochMilli(buckets.firstKey() + MINUTE);
    }

    /** Latest event time seen. */
    public Instant lastSeen() {
        return Instant.ofEpochMilli(lastSeenMs);
    }

    /**
     * Stable id of template {@code clusterId} of this service: 16 hex digits of FNV-1a over scope
     * and id.
     */
    public String templateId(int clusterId) {
        long h = 0xcbf29ce484222325L;
        String key = environment + "/" + service + "#" + clusterId;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }

    /** What one flush produced. */
    public record Flush(List<TemplateStats> templates, List<SeriesPoint> rates) {}
}
