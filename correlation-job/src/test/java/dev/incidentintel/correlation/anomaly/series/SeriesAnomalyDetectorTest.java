package dev.incidentintel.correlation.anomaly.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesAnomalyDetectorTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 =
            1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, 7 * 24 * HOUR);
    // The statistical detectors alone: the contextual part is covered by
    // ContextAnomalyDetectorTest.
    private static final DetectorOptions STATISTICAL = DetectorOptions.DEFAULTS.withoutContext();

    /** A daily sine wave with small seeded noise, sampled every 15 minutes. */
    private static double seasonal(int i, Random rnd) {
        double hours = i / 4.0;
        return 100 + 20 * Math.sin(2 * Math.PI * hours / 24.0) + rnd.nextGaussian();
    }

    @Test
    void aRegularDailyPatternIsNotAnomalousButASpikeIs() {
        SeriesAnomalyDetector d = new SeriesAnomalyDetector(STATISTICAL);
        Random rnd = new Random(7);
        double maxQuiet = 0;
        int n = 4 * 24 * 14;
        for (int i = 0; i < n; i++) {
            double s = d.update(T0 + i * 15 * 60_000L, seasonal(i, rnd));
            if (i > 4 * 24 * 8) {
                maxQuiet = Math.max(maxQuiet, s);
            }
        }
        double spike = d.update(T0 + n * 15 * 60_000L, seasonal(n, rnd) + 60);
        assertTrue(maxQuiet < 0.5, "max score on the regular pattern " + maxQuiet);
        assertTrue(spike > 0.9, "score of a 60-unit spike on noise of sd 1: " + spike);
    }

    @Test
    void aDetectionSilencesTheOutputForTheRestPeriodButNotTheCombinedScore() {
        DetectorOptions s = STATISTICAL;
        // No cooldown or alarm discount, so that the combined score of a second spike stays high.
        DetectorOptions options =
                new DetectorOptions(
                        s.baselineRate(),
                        s.baselineWarmup(),
                        s.hwAlpha(),
                        s.hwBeta(),
                        s.hwGamma(),
                        s.shiftRate(),
                        s.shiftDrift(),
                        s.shiftLimit(),
                        s.zScale(),
                        0,
                        s.alarmLevel(),
                        s.peakShare(),
                        s.memory(),
                        0.0,
                        null,
                        0.6,
                        10);
        SeriesAnomalyDetector d = new SeriesAnomalyDetector(options);
        Random rnd = new Random(8);
        int i = 0;
        for (; i < 4 * 24 * 14; i++) {
            d.update(T0 + i * 15 * 60_000L, seasonal(i, rnd));
        }
        assertTrue(
                d.update(T0 + i * 15 * 60_000L, seasonal(i++, rnd) + 60) >= 0.6,
                "first spike is a detection");
        d.update(T0 + i * 15 * 60_000L, seasonal(i++, rnd));
        assertEquals(
                0.0,
                d.update(T0 + i * 15 * 60_000L, seasonal(i++, rnd) + 60),
                "second spike within the rest period");
        assertTrue(
                d.lastCombined() >= 0.6, "its combined score is still high: " + d.lastCombined());
        for (int k = 0; k < 10; k++) {
            d.update(T0 + i * 15 * 60_000L, seasonal(i++, rnd));
        }
        assertTrue(
                d.update(T0 + i * 15 * 60_000L, seasonal(i, rnd) + 60) >= 0.6,
                "a spike after the rest period is a detection");
    }

    @Test
    void theSameSpikeMeansLessInASeriesThatAlarmedRecently() {
        SeriesAnomalyDetector quiet = new SeriesAnomalyDetector(STATISTICAL);
        SeriesAnomalyDetector noisy = new SeriesAnomalyDetector(STATISTICAL);
        Random a = new Random(3);
        Random b = new Random(3);
        long t = T0;
        int alarms = 0;
        for (int i = 0; i < 3000; i++) {
            t += 60_000L;
            quiet.update(t, 50 + a.nextGaussian());
            // Same noise, plus a large spike every 250 points after warm-up.
            double s = noisy.update(t, 50 + b.nextGaussian() + (i > 500 && i % 250 == 0 ? 40 : 0));
            if (s >= DetectorOptions.DEFAULTS.alarmLevel()) {
                alarms++;
            }
        }
        assertTrue(alarms >= 2, "the repeated spikes should have alarmed, alarms " + alarms);
        double inQuiet = quiet.update(t + 60_000L, 90);
        double inNoisy = noisy.update(t + 60_000L, 90);
        assertTrue(
                inQuiet >= DetectorOptions.DEFAULTS.alarmLevel(),
                "spike in the quiet series " + inQuiet);
        // Robust statistics alone leave it almost as high (about 0.99); the recent alarms must pull
        // it well down.
        assertTrue(
                inNoisy < inQuiet - 0.2,
                "spike in the noisy series " + inNoisy + " vs quiet " + inQuiet);
    }

    @Test
    void aSustainedLevelShiftRaisesOneAlarmThenCoolsDown() {
        SeriesAnomalyDetector d = new SeriesAnomalyDetector(STATISTICAL);
        Random rnd = new Random(11);
        long t = T0;
        for (int i = 0; i < 2000; i++) {
            d.update(t += 60_000L, 50 + rnd.nextGaussian());
        }
        int alarms = 0;
        double first = 0;
        for (int i = 0; i < 150; i++) {
            double s = d.update(t += 60_000L, 60 + rnd.nextGaussian());
            if (i < 10) {
                first = Math.max(first, s);
            }
            if (s >= DetectorOptions.DEFAULTS.alarmLevel()) {
                alarms++;
            }
        }
        assertTrue(
                first >= DetectorOptions.DEFAULTS.alarmLevel(),
                "score soon after a 10-sigma shift: " + first);
        assertEquals(1, alarms);
    }

    @Test
    void scoresStayInTheUnitIntervalAndIgnoreNonFiniteValues() {
        SeriesAnomalyDetector d = new SeriesAnomalyDetector(STATISTICAL);
        Random rnd = new Random(3);
        for (int i = 0; i < 5000; i++) {
            double v = rnd.nextDouble() < 0.01 ? rnd.nextGaussian() * 1e6 : rnd.nextGaussian();
            double s = d.update(T0 + i * 300_000L, v);
            assertTrue(s >= 0 && s <= 1, "score " + s);
        }
        assertEquals(0.0, d.update(T0, Double.NaN));
        assertEquals(0.0, d.update(T0, Double.POSITIVE_INFINITY));
    }

    @Test
    void withTheContextualDetectorTheScoreIsNeverBelowTheStatisticalOne() {
        SeriesAnomalyDetector statistical = new SeriesAnomalyDetector(STATISTICAL);
        SeriesAnomalyDetector combined = new SeriesAnomalyDetector(DetectorOptions.DEFAULTS);
        Random rnd = new Random(13);
        boolean contextAdded = false;
        for (int i = 0; i < 3000; i++) {
            // A regular square wave, then a stretch of values in between the two levels it knows.
            double v = i < 2500 ? ((i / 10) % 2 == 0 ? 10 : 20) + 0.1 * rnd.nextGaussian() : 15;
            statistical.update(T0 + i * 60_000L, v);
            combined.update(T0 + i * 60_000L, v);
            // Compared before the rest after a detection (each detector rests after its own
            // detections).
            double s = statistical.lastCombined();
            double c = combined.lastCombined();
            assertTrue(c >= s, "combined " + c + " below statistical " + s + " at " + i);
            contextAdded |= c > s;
        }
        assertTrue(contextAdded, "the contextual detector never raised the score");
    }

    @Test
    void stateSizeDoesNotGrowWithTheSeries() throws IOException {
        SeriesAnomalyDetector d = new SeriesAnomalyDetector(STATISTICAL);
        Random rnd = new Random(5);
        int i = 0;
        for (; i < 24 * 7 * 2; i++) {
            d.update(T0 + i * HOUR, rnd.nextGaussian());
        }
        int small = serializedSize(d);
        for (; i < 100_000; i++) {
            d.update(T0 + i * HOUR, rnd.nextGaussian());
        }
        assertEquals(small, serializedSize(d));
    }

    private static int serializedSize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }
}
