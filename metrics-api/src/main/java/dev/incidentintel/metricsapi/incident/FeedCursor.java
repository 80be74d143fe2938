package dev.incidentintel.metricsapi.incident;

import dev.incidentintel.metricsapi.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A position in the incident feed: the detected time and id of the last incident of a page. The
 * feed is ordered by detected time descending, then id ascending, so "after" is well defined even
 * when incidents arrive between pages (they appear on a later refresh, never twice). Clients treat
 * the encoded form as opaque.
 */
public record FeedCursor(Instant detectedAt, String id) {
    public FeedCursor {
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(id, "id");
    }

    /**
     * One page cut from {@code found} (which holds up to {@code limit + 1} items in feed order):
     * the first {@code limit} items and, when there were more, the cursor after the last of them.
     */
    public static <T> Page<T> page(List<T> found, int limit, Function<T, FeedCursor> positionOf) {
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<T> items = found.subList(0, limit);
        return new Page<>(items, positionOf.apply(items.get(items.size() - 1)).encode());
    }

    /** Items of one page and the encoded cursor of the next ({@code null} on the last page). */
    public record Page<T>(List<T> items, String nextCursor) {}

    /** URL-safe opaque text. */
    public String encode() {
        String plain = detectedAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes {@link #encode()}'s output; {@code null} or blank gives {@code null}.
     *
     * @throws ApiException {@code invalid_parameter} naming {@code cursor} for anything else
     */
    public static FeedCursor decode(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            String plain =
                    new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("no separator");
            }
            long ms = Long.parseLong(plain.substring(0, colon));
            if (ms < 0) {
                throw new IllegalArgumentException("negative time");
            }
            return new FeedCursor(Instant.ofEpochMilli(ms), plain.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(
                    "cursor", "cursor is not one this API returned: '" + raw + "'");
        }
    }
}
