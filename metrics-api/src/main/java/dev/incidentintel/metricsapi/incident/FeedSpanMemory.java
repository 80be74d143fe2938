package dev.incidentintel.metricsapi.incident;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the feed starts reading for a filter it has served before. A filter that matches few
 * incidents (one service, resolved ones) needs a wider span than the first {@link FeedSpans} step
 * to fill a page, so every refresh of such a feed read twice: the hour, then the wider span. This
 * remembers, per filter, how far back the last full page reached, doubled for margin and never
 * narrower than the first step, and the next page of that filter starts there. Only the read span
 * depends on it, never the answer: a page is still taken only from a span holding more incidents
 * than the page. The memory follows the data both ways (a span that reached less than half as far
 * narrows it) and holds at most {@code capacity} filters, least recently used first out.
 */
public final class FeedSpanMemory {
    private final Map<String, Duration> spans;

    /**
     * @param capacity the most filters remembered
     */
    public FeedSpanMemory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.spans =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Duration> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** The span to read first for {@code filter}. */
    public synchronized Duration start(String filter) {
        return spans.getOrDefault(filter, FeedSpans.first());
    }

    /**
     * A page of {@code filter} was filled by incidents reaching {@code reached} back from its
     * anchor.
     */
    public synchronized void filled(String filter, Duration reached) {
        Duration last = FeedSpans.widest();
        Duration span = reached.isNegative() ? Duration.ZERO : reached.multipliedBy(2);
        if (span.compareTo(last) > 0) {
            span = last;
        }
        if (span.compareTo(FeedSpans.first()) < 0) {
            span = FeedSpans.first();
        }
        spans.put(filter, span);
    }

    /**
     * The key of a filter: its conditions and page size, not its cursor (later pages read alike).
     */
    public static String key(IncidentFilter f) {
        return String.join(
                "\u0000",
                Integer.toString(f.limit()),
                f.environment(),
                f.service(),
                f.status(),
                f.team(),
                f.priority(),
                f.category(),
                f.q());
    }
}
