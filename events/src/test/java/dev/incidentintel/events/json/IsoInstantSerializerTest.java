package dev.incidentintel.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantSerializerTest {
    @Test
    void writesWhatInstantToStringWrites() {
        Random random = new Random(11);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanoShapes = {0, 1_000_000, 1_000, 1};
        for (int n = 0; n < 200_000; n++) {
            long seconds = min + (long) (random.nextDouble() * (max - min));
            int shape = nanoShapes[random.nextInt(nanoShapes.length)];
            int nanos = shape == 0 ? 0 : random.nextInt(1_000_000_000 / shape) * shape;
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstantSerializer.format(instant)).isEqualTo(instant.toString());
        }
        for (Instant edge :
                new Instant[] {
                    Instant.EPOCH,
                    Instant.MIN,
                    Instant.MAX,
                    Instant.parse("-0001-12-31T23:59:59Z"),
                    Instant.parse("+10000-01-01T00:00:00Z"),
                    Instant.ofEpochSecond(-1, 999_999_999)
                }) {
            assertThat(IsoInstantSerializer.format(edge)).isEqualTo(edge.toString());
        }
    }

    @Test
    void eventJsonUsesItAndReadsItBack() {
        Instant t = Instant.parse("2026-11-24T10:00:00.120Z");
        AlertEvent a =
                new AlertEvent(
                        AlertEvent.SCHEMA_VERSION,
                        "alertmanager",
                        t,
                        t.plusNanos(7),
                        "fp",
                        AlertStatus.FIRING,
                        "A",
                        "svc",
                        "prod",
                        Severity.ERROR,
                        "",
                        Map.of(),
                        Map.of(),
                        t,
                        null,
                        null,
                        null);
        String json = EventJson.toJson(a);
        assertThat(json)
                .contains("\"eventTime\":\"2026-11-24T10:00:00.120Z\"")
                .contains("\"receivedAt\":\"2026-11-24T10:00:00.120000007Z\"");
        assertThat(
                        EventJson.read(
                                json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                AlertEvent.class))
                .isEqualTo(a);
    }
}
