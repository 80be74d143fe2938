package dev.incidentintel.metricsapi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.kpi.DurationStats;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class HttpApiTest {

    @Test
    void instantsAcceptZuluAndOffsets() {
        assertThat(HttpApi.parseInstant("2024-05-01T00:00:00Z"))
                .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(HttpApi.parseInstant("2024-05-01T02:00:00+02:00"))
                .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThatThrownBy(() -> HttpApi.parseInstant("2024-05-01"))
                .isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void jsonWritesNullsAndIsoInstants() throws Exception {
        record Sample(Instant at, Instant missing, DurationStats stats) {}

        String json =
                HttpApi.objectMapper()
                        .writeValueAsString(
                                new Sample(
                                        Instant.parse("2024-05-01T00:00:00.250Z"),
                                        null,
                                        DurationStats.empty()));

        assertThat(json)
                .isEqualTo(
                        "{\"at\":\"2024-05-01T00:00:00.250Z\",\"missing\":null,"
                                + "\"stats\":{\"count\":0,\"meanSeconds\":null,\"medianSeconds\":null,\"p90Seconds\":null}}");
    }
}
