package dev.incidentintel.metricsapi.incident;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How far back before its anchor (now, or the cursor) the feed reads for one page. The newest
 * incidents lie in the newest granules of the current-state table, so a page rarely needs more than
 * the first span; when a span holds too few incidents the next one is wider, until everything is
 * read. The page is the same whatever the spans: it is only taken from a span that holds more
 * incidents than the page, and every incident outside the span comes after them.
 *
 * <p>After a span that held some incidents, the next span is sized from their density: wide enough,
 * twice over, to hold the page if incidents keep arriving at the same rate. A filtered feed that
 * found 9 of 51 in the first hour reads about 11 hours next instead of a whole day, about half the
 * rows. After an empty span (the filter matches nothing recent, or nothing was detected lately)
 * there is no density to go by, and the next fixed step follows.
 */
public final class FeedSpans {
    /** The fixed steps: the first span, and the next one after an empty span. */
    public static final List<Duration> STEPS =
            List.of(
                    Duration.ofHours(1),
                    Duration.ofDays(1),
                    Duration.ofDays(8),
                    Duration.ofDays(64),
                    Duration.ofDays(512));

    private FeedSpans() {}

    /** The first span. */
    public static Duration first() {
        return STEPS.get(0);
    }

    /** The widest span; beyond it the feed reads everything. */
    public static Duration widest() {
        return STEPS.get(STEPS.size() - 1);
    }

    /**
     * The span to read after {@code span} held {@code found} incidents where the page needs {@code
     * wanted} (more than found); empty: read everything.
     */
    public static Optional<Duration> next(Duration span, int found, int wanted) {
        if (found < 0 || wanted <= found) {
            throw new IllegalArgumentException(
                    "found " + found + " of " + wanted + ": the span already fills the page");
        }
        Duration next;
        if (found == 0) {
            next = STEPS.stream().filter(step -> step.compareTo(span) > 0).findFirst().orElse(null);
        } else {
            // At least twice the span, since found < wanted; capped before the multiplication can
            // overflow.
            long millis = span.toMillis();
            long last = widest().toMillis();
            next =
                    millis > last / (2L * wanted)
                            ? null
                            : Duration.ofMillis(millis * 2L * wanted / found);
        }
        if (next == null || next.compareTo(widest()) > 0) {
            return Optional.empty();
        }
        return Optional.of(next);
    }
}
