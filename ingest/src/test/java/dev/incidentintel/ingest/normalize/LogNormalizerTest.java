package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.LogEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NDJSON and plain-text log lines, and the timestamp formats they use. */
class LogNormalizerTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");
    private final LogNormalizer normalizer = new LogNormalizer();

    @Test
    void ndjsonKeepsExtraFieldsAndRejectsBadLinesOnly() {
        String body =
                "{\"ts\":\"2024-05-01T11:59:00.5Z\",\"service\":\"api\",\"host\":\"h1\",\"level\":\"WARNING\",\"msg\":\"slow\",\"latency_ms\":120,\"ctx\":{\"a\":1}}\n"
                        + "\n"
                        + "not json\n"
                        + "{\"message\":\"no service here\"}\n"
                        + "{\"message\":\"fallback\",\"time\":1714564800123}\n";
        Normalized n = normalizer.ndjson(body.getBytes(), null, RECEIVED);
        assertThat(n.logs()).hasSize(1);
        LogEvent e = n.logs().get(0);
        assertThat(e)
                .isEqualTo(
                        new LogEvent(
                                1,
                                "logs",
                                Instant.parse("2024-05-01T11:59:00.5Z"),
                                RECEIVED,
                                "api",
                                null,
                                "h1",
                                "warn",
                                "slow",
                                Map.of("latency_ms", "120", "ctx", "{\"a\":1}"),
                                ""));
        assertThat(n.rejected()).extracting(Normalized.Rejection::line).containsExactly(3, 4, 5);
        assertThat(n.rejected().get(0).error()).isEqualTo("malformed_json");
        assertThat(n.rejected().get(1).message()).contains("service");

        Normalized withParam = normalizer.ndjson(body.getBytes(), "web", RECEIVED);
        assertThat(withParam.logs()).hasSize(3);
        assertThat(withParam.logs().get(2).eventTime())
                .isEqualTo(Instant.ofEpochMilli(1714564800123L));
    }

    @Test
    void textLinesParseCommonTimestampsAndLevels() {
        String body =
                "2024-05-01 11:00:01,123 ERROR [main] c.e.Foo - boom\r\n"
                        + "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200\n"
                        + "[10/Oct/2000:13:55:36 -0700] INFO request\n"
                        + "Mar  7 04:02:03 host sshd[1]: WARN failed password\n"
                        + "no timestamp at all\n";
        Normalized n = normalizer.text(body.getBytes(), "web", RECEIVED);
        assertThat(n.logs())
                .extracting(LogEvent::eventTime)
                .containsExactly(
                        Instant.parse("2024-05-01T11:00:01.123Z"),
                        RECEIVED,
                        Instant.parse("2000-10-10T20:55:36Z"),
                        Instant.parse("2024-03-07T04:02:03Z"),
                        RECEIVED);
        assertThat(n.logs())
                .extracting(LogEvent::level)
                .containsExactly("error", "", "info", "warn", "");
        assertThat(n.logs().get(0).message())
                .isEqualTo("2024-05-01 11:00:01,123 ERROR [main] c.e.Foo - boom");
        assertThat(n.logs()).extracting(LogEvent::service).containsOnly("web");
    }

    @Test
    void epochMagnitudesAreToldApart() {
        assertThat(Timestamps.parse("1714564800", RECEIVED))
                .contains(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(Timestamps.parse("1714564800123", RECEIVED))
                .contains(Instant.parse("2024-05-01T12:00:00.123Z"));
        assertThat(Timestamps.parse("1714564800123456", RECEIVED))
                .contains(Instant.parse("2024-05-01T12:00:00.123456Z"));
        assertThat(Timestamps.parse("1714564800123456789", RECEIVED))
                .contains(Instant.parse("2024-05-01T12:00:00.123456789Z"));
        assertThat(Timestamps.parse("1714564800.25", RECEIVED))
                .contains(Instant.parse("2024-05-01T12:00:00.250Z"));
        assertThat(Timestamps.parse("yesterday", RECEIVED)).isEmpty();
    }
}
