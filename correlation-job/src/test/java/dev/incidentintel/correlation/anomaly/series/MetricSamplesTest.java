package dev.incidentintel.correlation.anomaly.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSamplesTest {
    private static final Instant T = Instant.parse("2026-11-24T14:00:30Z");

    @Test
    void aLogEventWithMetricAndNumericValueIsASample() {
        Map<String, String> attrs =
                Map.of("metric", " p99_latency_ms ", "value", "412.5", "region", "eu");
        assertTrue(MetricSamples.isSample(attrs));
        SeriesPoint p = MetricSamples.of("prod", "api", T, attrs);
        assertEquals("metric/prod/api/p99_latency_ms", p.seriesKey());
        assertEquals(412.5, p.value());
        assertEquals(T, p.time());
    }

    @Test
    void anythingElseIsAnOrdinaryLogLine() {
        for (Map<String, String> attrs :
                List.of(
                        Map.<String, String>of(),
                        Map.of("metric", "x"),
                        Map.of("value", "1"),
                        Map.of("metric", "x", "value", "high"),
                        Map.of("metric", "x", "value", "NaN"),
                        Map.of("metric", " ", "value", "1"))) {
            assertFalse(MetricSamples.isSample(attrs), attrs.toString());
            assertNull(MetricSamples.of("prod", "api", T, attrs), attrs.toString());
        }
        assertFalse(MetricSamples.isSample(null));
    }

    @Test
    void minuteCounterHandsOutFinishedMinutesOnce() {
        MinuteCounter c = new MinuteCounter("alert_rate", "prod", "api", "");
        c.add(T);
        c.add(T.plusSeconds(10));
        c.add(T.plusSeconds(40)); // next minute
        assertEquals(Instant.parse("2026-11-24T14:01:00Z"), c.earliestMinuteEnd());
        List<SeriesPoint> first = c.flush(Instant.parse("2026-11-24T14:01:00Z"));
        assertEquals(1, first.size());
        assertEquals(2.0, first.get(0).value());
        assertEquals(Instant.parse("2026-11-24T14:00:00Z"), first.get(0).time());
        assertTrue(c.flush(Instant.parse("2026-11-24T14:01:59Z")).isEmpty());
        assertEquals(1.0, c.flush(Instant.parse("2026-11-24T14:02:00Z")).get(0).value());
        assertNull(c.earliestMinuteEnd());
        assertEquals(T.plusSeconds(40), c.lastSeen());
    }
}
