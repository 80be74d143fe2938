package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts events of one series per minute (event time) and hands out the counts of minutes that have
 * ended as {@link SeriesPoint}s: the input of rate anomaly detection for series that arrive as
 * events (for example alert notifications per service). Memory is one entry per minute still open.
 */
public final class MinuteCounter implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = 60_000L;

    private final String kind;
    private final String environment;
    private final String service;
    private final String subject;
    private final TreeMap<Long, Long> open = new TreeMap<>();
    private long lastSeenMs = Long.MIN_VALUE;

    public MinuteCounter(String kind, String environment, String service, String subject) {
        // Validates like a point would, so a bad key fails on the first event, not at the first
        // flush.
        new SeriesPoint(kind, environment, service, subject, Instant.EPOCH, 0);
        this.kind = kind;
        this.environment = environment;
        this.service = service;
        this.subject = subject == null ? "" : subject;
    }

    /** Counts one event at {@code time}. */
    public void add(Instant time) {
        long ms = time.toEpochMilli();
        open.merge(Math.floorDiv(ms, MINUTE) * MINUTE, 1L, Long::sum);
        lastSeenMs = Math.max(lastSeenMs, ms);
    }

    /** Counts of the minutes that ended by {@code now}, oldest first; they are forgotten. */
    public List<SeriesPoint> flush(Instant now) {
        List<SeriesPoint> out = new ArrayList<>();
        while (!open.isEmpty() && open.firstKey() + MINUTE <= now.toEpochMilli()) {
            Map.Entry<Long, Long> m = open.pollFirstEntry();
            out.add(
                    new SeriesPoint(
                            kind,
                            environment,
                            service,
                            subject,
                            Instant.ofEpochMilli(m.getKey()),
                            m.getValue()));
        }
        return out;
    }

    /** End of the earliest minute still open, or null when none is. */
    public Instant earliestMinuteEnd() {
        return open.isEmpty() ? null : Instant.ofEpochMilli(open.firstKey() + MINUTE);
    }

    /** Latest event time counted ({@link Instant#MIN} before the first). */
    public Instant lastSeen() {
        return lastSeenMs == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochMilli(lastSeenMs);
    }
}
