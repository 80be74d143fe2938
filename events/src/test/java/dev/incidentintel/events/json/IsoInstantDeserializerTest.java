package dev.incidentintel.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast instant reader must accept and reject exactly what Jackson's own reader (the mapping
 * before it) accepts and rejects, with the same value.
 */
class IsoInstantDeserializerTest {
    private static final ObjectMapper REFERENCE =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                    .build();

    record Stamp(Instant t) {}

    @Test
    void readsWhatJacksonsReaderReadsOnRandomTexts() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long second = -2_000_000_000L + (long) (random.nextDouble() * 6_000_000_000L);
            int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
            Instant instant = Instant.ofEpochSecond(second, nanos);
            texts.add(instant.toString());
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800);
            texts.add(OffsetDateTime.ofInstant(instant, offset).toString());
            String iso = instant.toString();
            // a fraction of 1..9 digits
            int digits = 1 + random.nextInt(9);
            String base = iso.substring(0, 19);
            String fraction = String.format("%09d", nanos).substring(0, digits);
            texts.add(base + "." + fraction + "Z");
            texts.add(mutate(base + "." + fraction + "+01:30", random));
        }
        texts.addAll(
                List.of(
                        "2026-02-30T00:00:00Z",
                        "2026-02-29T00:00:00Z",
                        "2024-02-29T23:59:59.999Z",
                        "2026-01-01T24:00:00Z",
                        "2026-12-31T23:59:60Z",
                        "2026-01-01t00:00:00z",
                        "2026-01-01T00:00:00",
                        "2026-01-01T00:00:00.Z",
                        "2026-01-01T00:00:00.1234567891Z",
                        "2026-01-01T00:00:00+18:00",
                        "2026-01-01T00:00:00+19:00",
                        "2026-01-01T00:00:00+0100",
                        "2026-01-01 00:00:00Z",
                        "+12026-01-01T00:00:00Z",
                        "0000-01-01T00:00:00Z",
                        "9999-12-31T23:59:59.999999999Z",
                        "2026-13-01T00:00:00Z",
                        "2026-00-10T00:00:00Z",
                        " 2026-01-01T00:00:00Z",
                        "2026-01-01T00:00:00Z ",
                        "",
                        "x"));
        for (String text : texts) {
            String json = "{\"t\":\"" + text + "\"}";
            Object expected = read(REFERENCE, json);
            Object actual = read(EventJson.mapper(), json);
            assertThat(actual).as("reading \"%s\"", text).isEqualTo(expected);
        }
    }

    @Test
    void theCommonShapesTakeTheFastPath() {
        assertThat(Rfc3339.parse("2026-05-01T12:00:00.123456789Z").orElse(null))
                .isEqualTo(Instant.parse("2026-05-01T12:00:00.123456789Z"));
        assertThat(Rfc3339.parse("2026-05-01T14:00:00.5+02:00").orElse(null))
                .isEqualTo(Instant.parse("2026-05-01T12:00:00.500Z"));
        assertThat(Rfc3339.parse("2026-05-01T12:00:00Z").orElse(null))
                .isEqualTo(Instant.parse("2026-05-01T12:00:00Z"));
        assertThat(Rfc3339.parse("2026-12-31T23:59:60Z").orElse(null))
                .as("leap second: full parser")
                .isNull();
    }

    @Test
    void numbersStillGoToJacksonsReader() {
        assertThat(read(EventJson.mapper(), "{\"t\":1700000000.5}"))
                .isEqualTo(read(REFERENCE, "{\"t\":1700000000.5}"));
        assertThat(read(EventJson.mapper(), "{\"t\":1700000000.5}"))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
    }

    /** The instant read, or "rejected". */
    private static Object read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Stamp.class).t();
        } catch (Exception e) {
            return "rejected";
        }
    }

    /** Sometimes breaks one character of the text. */
    private static String mutate(String text, Random random) {
        if (random.nextInt(3) != 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = "0935:-+TZ.x ".charAt(random.nextInt(12));
        return new String(chars);
    }
}
