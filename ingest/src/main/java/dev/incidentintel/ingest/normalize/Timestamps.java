package dev.incidentintel.ingest.normalize;

import dev.incidentintel.events.json.Rfc3339;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient timestamp parsing for sources that do not all speak RFC 3339 (logs, generic JSON, deploy
 * hooks). Accepted, in this order: RFC 3339 / ISO-8601 with offset; ISO local date-time with {@code
 * T} or a space and optional {@code ,} or {@code .} fraction (taken as UTC); Apache common log
 * {@code 10/Oct/2000:13:55:36 -0700}; syslog {@code Oct 11 22:14:15} (year of the receive time,
 * UTC); epoch seconds, milliseconds, microseconds or nanoseconds told apart by magnitude. Zone-less
 * forms are UTC because that is what servers overwhelmingly log in; the README says so.
 */
public final class Timestamps {
    private static final DateTimeFormatter LOCAL =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd")
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .appendPattern("HH:mm:ss")
                    .optionalStart()
                    .appendLiteral(',')
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false)
                    .optionalEnd()
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter APACHE =
            DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH);
    private static final DateTimeFormatter SYSLOG =
            new DateTimeFormatterBuilder()
                    .appendPattern("MMM")
                    .appendLiteral(' ')
                    .padNext(2)
                    .appendValue(ChronoField.DAY_OF_MONTH)
                    .appendPattern(" HH:mm:ss")
                    .parseDefaulting(ChronoField.YEAR, 2000)
                    .toFormatter(Locale.ENGLISH);

    /** Leading timestamps of raw log lines, tried in order; group 1 is the timestamp. */
    private static final List<Pattern> LINE_PREFIXES =
            List.of(
                    Pattern.compile(
                            "^\\[?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\]?"),
                    Pattern.compile(
                            "^\\[?(\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})\\]?"),
                    Pattern.compile("^([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2})"));

    private Timestamps() {}

    /** Parses a timestamp string; {@code reference} supplies the year for syslog stamps. */
    public static Optional<Instant> parse(String raw, Instant reference) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.trim();
        if (text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        Optional<Instant> rfc = Rfc3339.parse(text);
        if (rfc.isPresent()) {
            return rfc;
        }
        // PagerDuty's own examples write offsets without a colon (+0000).
        String iso = text.replace(' ', 'T').replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2");
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeException ignored) {
            // not ISO with an offset
        }
        if (text.matches("-?\\d{1,19}(\\.\\d+)?")) {
            return epoch(text);
        }
        try {
            return Optional.of(LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException ignored) {
            // not ISO local
        }
        try {
            return Optional.of(ZonedDateTime.parse(text, APACHE).toInstant());
        } catch (DateTimeException ignored) {
            // not Apache common log
        }
        try {
            int year = reference.atZone(ZoneOffset.UTC).getYear();
            LocalDateTime local =
                    LocalDateTime.parse(
                            text.replaceAll(" +", " ").replaceFirst("^(\\w{3}) (\\d) ", "$1  $2 "),
                            SYSLOG);
            return Optional.of(local.withYear(year).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException ignored) {
            return Optional.empty();
        }
    }

    /**
     * An epoch number: seconds below 1e11, milliseconds below 1e14, microseconds below 1e17, else
     * nanoseconds.
     */
    public static Optional<Instant> epoch(String text) {
        try {
            if (text.contains(".")) {
                double seconds = Double.parseDouble(text);
                if (Math.abs(seconds) >= 1e11) {
                    return Optional.empty();
                }
                long whole = (long) Math.floor(seconds);
                long nanos = Math.round((seconds - whole) * 1e9);
                return Optional.of(Instant.ofEpochSecond(whole, nanos));
            }
            long n = Long.parseLong(text);
            long abs = Math.abs(n);
            if (abs < 100_000_000_000L) {
                return Optional.of(Instant.ofEpochSecond(n));
            } else if (abs < 100_000_000_000_000L) {
                return Optional.of(Instant.ofEpochMilli(n));
            } else if (abs < 100_000_000_000_000_000L) {
                return Optional.of(
                        Instant.ofEpochSecond(0, 0).plusNanos(Math.multiplyExact(n, 1000L)));
            }
            return Optional.of(Instant.ofEpochSecond(0).plusNanos(n));
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The timestamp at the start of a raw log line and the length of the prefix it used, or empty
     * when the line does not start with a recognised timestamp.
     */
    public static Optional<LinePrefix> lineTimestamp(String line, Instant reference) {
        for (Pattern pattern : LINE_PREFIXES) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                Optional<Instant> instant = parse(m.group(1), reference);
                if (instant.isPresent()) {
                    return Optional.of(new LinePrefix(instant.get(), m.end()));
                }
            }
        }
        return Optional.empty();
    }

    /** A timestamp found at the start of a line and where the rest of the line begins. */
    public record LinePrefix(Instant instant, int end) {}
}
