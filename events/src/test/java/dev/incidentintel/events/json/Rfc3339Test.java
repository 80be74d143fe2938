package dev.incidentintel.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {
    @ParameterizedTest
    @CsvSource({
        "2020-02-06T00:17:58.432911368Z, 2020-02-06T00:17:58.432911368Z",
        "2020-02-06T00:17:58Z, 2020-02-06T00:17:58Z",
        "2020-02-06T00:17:58.1Z, 2020-02-06T00:17:58.100Z",
        "2020-02-06T01:17:58.5+01:00, 2020-02-06T00:17:58.500Z",
        "2020-02-05T19:47:58-04:30, 2020-02-06T00:17:58Z",
        "2020-02-06t00:17:58z, 2020-02-06T00:17:58Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z"
    })
    void parsesGoStyleTimestamps(String text, String expectedUtc) {
        assertThat(Rfc3339.parse(text)).contains(Instant.parse(expectedUtc));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2020-02-06",
                "2020-02-06T00:17Z",
                "2020-02-06T00:17:58",
                "2020-02-06 00:17:58Z",
                "2020-02-06T00:17:58.Z",
                "2020-02-06T00:17:58.1234567891Z",
                "2020-13-01T00:00:00Z",
                "2021-02-29T00:00:00Z",
                "2020-02-06T24:00:00Z",
                "2020-02-06T00:17:58+0100",
                "1580948278",
                "2020-02-06T00:17:60Z",
                "2020-02-06T00:60:00Z",
                "2020-02-06T00:17:58+19:00",
                "2020-02-06T00:17:58+01:60",
                "2020-02-06T00:17:58.123",
                "2020-02-06T00:17:58Zz",
                "+2020-02-06T00:17:58Z",
                "2020-02-06T00:17:5aZ"
            })
    void rejectsAnythingElse(String text) {
        assertThat(Rfc3339.parse(text)).isEmpty();
    }

    /** The former {@link DateTimeFormatter}-based parser, kept as an independent oracle. */
    private static final DateTimeFormatter ORACLE =
            new DateTimeFormatterBuilder()
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
                    .withResolverStyle(ResolverStyle.STRICT);

    private static Optional<Instant> oracle(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, ORACLE).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Test
    void agreesWithTheFormatterOnMutatedTimestamps() {
        Random random = new Random(7);
        String alphabet = "0123456789-:.+TtZz ";
        String[] seeds = {
            "2020-02-06T00:17:58.432911368Z",
            "2024-02-29T23:59:59+18:00",
            "1999-12-31t12:00:00.5-09:30",
            "2021-04-30T00:00:00Z"
        };
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder b = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(b.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, c);
                    case 1 -> {
                        if (at < b.length()) {
                            b.setCharAt(at, c);
                        }
                    }
                    default -> {
                        if (at < b.length()) {
                            b.deleteCharAt(at);
                        }
                    }
                }
            }
            String text = b.toString();
            Optional<Instant> expected = oracle(text);
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(expected);
            accepted += expected.isPresent() ? 1 : 0;
        }
        // Both sides are exercised: many mutations stay valid timestamps, many do not.
        assertThat(accepted).isBetween(10_000, 190_000);
    }
}
