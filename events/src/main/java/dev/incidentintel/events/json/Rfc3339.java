package dev.incidentintel.events.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Parses RFC 3339 timestamps as Go and Prometheus write them: {@code
 * 2020-02-06T00:17:58.432911368Z} or with a numeric offset, with 0 to 9 fractional digits. Stricter
 * than {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which would also accept a missing seconds
 * field.
 *
 * <p>Go marshals an unset {@code time.Time} as {@code 0001-01-01T00:00:00Z}; {@link #GO_ZERO} names
 * that value so callers can treat it as "not set".
 */
public final class Rfc3339 {
    /** Go's zero {@code time.Time}, which Alertmanager sends for "no end time". */
    public static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private static final int MAX_OFFSET_HOURS = 18;

    private Rfc3339() {}

    /**
     * The instant, or empty when {@code text} is not an RFC 3339 timestamp: {@code
     * YYYY-MM-DDTHH:MM:SS[.F{1,9}](Z|+HH:MM|-HH:MM)}, {@code t} and {@code z} in either case, every
     * field in range (no 24:00, no leap second, no 30 February), offsets up to 18 hours as in
     * {@link java.time.ZoneOffset}.
     *
     * <p>Hand-written rather than a {@link DateTimeFormatter}: ingest parses two of these per alert
     * and the formatter was a tenth of the server's CPU under load; {@link EventJson} reads every
     * instant of every record through it too ({@code IsoInstantDeserializer}).
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() < 20) {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || Character.toUpperCase(text.charAt(10)) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return Optional.empty();
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length < 1 || length > 9) {
                return Optional.empty();
            }
            nanos = digits(text, start, length);
            for (int k = length; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        int rest = text.length() - i;
        char sign = i < text.length() ? text.charAt(i) : ' ';
        if (rest == 1 && Character.toUpperCase(sign) == 'Z') {
            offsetSeconds = 0;
        } else if (rest == 6 && (sign == '+' || sign == '-') && text.charAt(i + 3) == ':') {
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0
                    || offsetMinutes < 0
                    || offsetMinutes > 59
                    || offsetHours > MAX_OFFSET_HOURS
                    || (offsetHours == MAX_OFFSET_HOURS && offsetMinutes > 0)) {
                return Optional.empty();
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return Optional.empty();
        }
        if (day > YearMonth.of(year, month).lengthOfMonth()) {
            return Optional.empty();
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    /** The non-negative number written by {@code length} ASCII digits at {@code from}, else -1. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int k = from; k < from + length; k++) {
            char c = text.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** True for Go's zero time, i.e. "no value". */
    public static boolean isGoZero(Instant instant) {
        return GO_ZERO.equals(instant);
    }
}
