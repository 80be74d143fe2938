package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
        "", "2020-02-06", "2020-02-06T00:17Z", "2020-02-06T00:17:58", "2020-02-06 00:17:58Z",
        "2020-02-06T00:17:58.Z", "2020-02-06T00:17:58.1234567891Z", "2020-13-01T00:00:00Z",
        "2021-02-29T00:00:00Z", "2020-02-06T24:00:00Z", "2020-02-06T00:17:58+0100", "1580948278"
      })
  void rejectsAnythingElse(String text) {
    assertThat(Rfc3339.parse(text)).isEmpty();
  }
}
