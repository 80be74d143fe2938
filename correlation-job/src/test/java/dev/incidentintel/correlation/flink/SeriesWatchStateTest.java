package dev.incidentintel.correlation.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.incidentintel.correlation.anomaly.series.DetectorOptions;
import dev.incidentintel.correlation.anomaly.series.SeriesPoint;
import dev.incidentintel.correlation.anomaly.series.SeriesWatch;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The keyed state of {@link DetectRateAnomaliesFunction} (a {@link SeriesWatch} with the
 * statistical and contextual detectors) survives Flink's serializer: a restored watch continues
 * exactly as the original would have.
 */
class SeriesWatchStateTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aRestoredWatchContinuesLikeTheOriginal() throws Exception {
        SeriesWatch watch = new SeriesWatch(DetectorOptions.DEFAULTS, 0.6, 0.2);
        Random rnd = new Random(9);
        for (int i = 0; i < 1500; i++) {
            watch.observe(point(i, value(i, rnd)));
        }
        TypeSerializer<SeriesWatch> serializer =
                TypeInformation.of(SeriesWatch.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        serializer.serialize(watch, out);
        SeriesWatch restored =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        Random a = new Random(10);
        Random b = new Random(10);
        for (int i = 1500; i < 2500; i++) {
            // Includes a step change at 2000 so that the watch opens in both.
            Optional<?> expected = watch.observe(point(i, value(i, a) + (i >= 2000 ? 40 : 0)));
            Optional<?> actual = restored.observe(point(i, value(i, b) + (i >= 2000 ? 40 : 0)));
            assertEquals(expected, actual, "transition at point " + i);
        }
        assertEquals(watch.open(), restored.open());
    }

    private static double value(int i, Random rnd) {
        return 50 + 10 * Math.sin(2 * Math.PI * i / 60.0) + rnd.nextGaussian();
    }

    private static SeriesPoint point(int i, double v) {
        return new SeriesPoint("metric", "prod", "api", "latency", T0.plusSeconds(60L * i), v);
    }
}
