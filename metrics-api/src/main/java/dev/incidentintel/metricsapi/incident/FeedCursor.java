package dev.incidentintel.metricsapi.incident;

import dev.incidentintel.metricsapi.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

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

  /** URL-safe opaque text. */
  public String encode() {
    String plain = detectedAt.toEpochMilli() + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
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
      String plain = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
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
      throw ApiException.invalid("cursor", "cursor is not one this API returned: '" + raw + "'");
    }
  }
}
