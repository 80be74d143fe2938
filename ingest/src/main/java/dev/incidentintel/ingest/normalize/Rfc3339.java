package dev.incidentintel.ingest.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Parses RFC 3339 timestamps as Go and Prometheus write them: {@code 2020-02-06T00:17:58.432911368Z}
 * or with a numeric offset, with 0 to 9 fractional digits. Stricter than {@link
 * DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which would also accept a missing seconds field.
 *
 * <p>Go marshals an unset {@code time.Time} as {@code 0001-01-01T00:00:00Z}; {@link #GO_ZERO} names
 * that value so callers can treat it as "not set".
 */
public final class Rfc3339 {
  /** Go's zero {@code time.Time}, which Alertmanager sends for "no end time". */
  public static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          // RFC 3339 section 5.6 allows lower-case "t" and "z".
          .parseCaseInsensitive()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withChronology(IsoChronology.INSTANCE)
          // STRICT rejects 2023-02-30 instead of silently moving it to March 2nd.
          .withResolverStyle(ResolverStyle.STRICT);

  private Rfc3339() {}

  /** The instant, or empty when {@code text} is not an RFC 3339 timestamp. */
  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text, FORMAT).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** True for Go's zero time, i.e. "no value". */
  public static boolean isGoZero(Instant instant) {
    return GO_ZERO.equals(instant);
  }
}
