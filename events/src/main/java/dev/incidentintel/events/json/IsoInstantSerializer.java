package dev.incidentintel.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} (ISO-8601, UTC, {@code Z}; the
 * fraction in groups of three digits, omitted when zero), without going through a {@code
 * DateTimeFormatter}. Every event carries several instants and every stage of the pipeline writes
 * them, so the formatter showed up as a few percent of the CPU of ingest and of the job. Years
 * outside 0000-9999 fall back to {@link Instant#toString()}.
 */
final class IsoInstantSerializer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;
    private static final int SECONDS_PER_DAY = 86_400;

    IsoInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
        gen.writeString(format(value));
    }

    /** The same text as {@code value.toString()}. */
    static String format(Instant value) {
        long epochDay = Math.floorDiv(value.getEpochSecond(), SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(value.getEpochSecond(), SECONDS_PER_DAY);
        LocalDate date =
                LocalDate.ofEpochDay(
                        Math.max(
                                Math.min(epochDay, LocalDate.MAX.toEpochDay()),
                                LocalDate.MIN.toEpochDay()));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return value.toString();
        }
        char[] out = new char[30];
        int i = 0;
        i = two(out, two(out, i, year / 100), year % 100);
        out[i++] = '-';
        i = two(out, i, date.getMonthValue());
        out[i++] = '-';
        i = two(out, i, date.getDayOfMonth());
        out[i++] = 'T';
        i = two(out, i, secondOfDay / 3600);
        out[i++] = ':';
        i = two(out, i, secondOfDay / 60 % 60);
        out[i++] = ':';
        i = two(out, i, secondOfDay % 60);
        int nanos = value.getNano();
        if (nanos != 0) {
            out[i++] = '.';
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            int scaled = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
            for (int d = digits - 1; d >= 0; d--) {
                out[i + d] = (char) ('0' + scaled % 10);
                scaled /= 10;
            }
            i += digits;
        }
        out[i++] = 'Z';
        return new String(out, 0, i);
    }

    private static int two(char[] out, int i, int value) {
        out[i] = (char) ('0' + value / 10);
        out[i + 1] = (char) ('0' + value % 10);
        return i + 2;
    }
}
