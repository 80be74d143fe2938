package dev.incidentintel.correlation.anomaly.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComponentsTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void seasonalBaselineJudgesEachHourAgainstItsOwnHistory() {
        RobustSeasonalBaseline b = new RobustSeasonalBaseline(HOUR, 24, 0.05, 3);
        // Hour 0 is always 10 +- 1, hour 1 always 1000 +- 1: both normal for their own hour.
        for (int day = 0; day < 10; day++) {
            b.update(day * 24 * HOUR, 10 + (day % 2 == 0 ? 1 : -1), 1e-9);
            b.update(day * 24 * HOUR + HOUR, 1000 + (day % 2 == 0 ? 1 : -1), 1e-9);
        }
        double normal = b.update(10 * 24 * HOUR + HOUR, 1000, 1e-9);
        double wrongHour = b.update(11 * 24 * HOUR, 1000, 1e-9);
        assertTrue(normal < 1.5, "z of a usual value " + normal);
        assertTrue(wrongHour > 100, "z of hour 1's level at hour 0: " + wrongHour);
    }

    @Test
    void seasonalBaselineIsNotDraggedByOneOutlier() {
        RobustSeasonalBaseline b = new RobustSeasonalBaseline(HOUR, 1, 0.05, 3);
        for (int i = 0; i < 50; i++) {
            b.update(i, i % 2 == 0 ? 9 : 11, 1e-9);
        }
        b.update(50, 1_000_000, 1e-9);
        // Median moves by at most rate * spread (0.05 * ~1): 10 stays within a fraction of a
        // spread.
        assertTrue(b.update(51, 10, 1e-9) < 0.5);
    }

    @Test
    void holtWintersForecastsATrendWithoutAlarm() {
        HoltWinters hw = new HoltWinters(0.3, 0.1, 0.1, HOUR, 24);
        double last = 0;
        for (int i = 0; i < 500; i++) {
            double z = hw.update(i * HOUR, 5.0 * i + (i % 2 == 0 ? 0.5 : -0.5), 1e-9);
            if (!Double.isNaN(z)) {
                last = z;
            }
        }
        assertTrue(last < 3, "z on a clean trend " + last);
        assertTrue(hw.update(500 * HOUR, 5.0 * 500 + 100, 1e-9) > 10);
    }

    @Test
    void cusumSignalsASmallSustainedShiftThatNoSinglePointShows() {
        LevelShiftDetector d = new LevelShiftDetector(0.01, 0.5, 12);
        for (int i = 0; i < 500; i++) {
            d.update(i % 2 == 0 ? 1 : -1, 1e-9);
        }
        // +2 sd per point: (2 - 0.5) accumulates 1.5 per point, so a fixed reference would cross 12
        // at
        // point 8; the reference adapting towards the new level can only delay that, here by a few
        // points.
        int signalledAt = -1;
        for (int i = 0; i < 20 && signalledAt < 0; i++) {
            if (d.update(2, 1e-9) >= 1) {
                signalledAt = i;
            }
        }
        assertTrue(signalledAt >= 7 && signalledAt <= 12, "signalled at " + signalledAt);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(
                IllegalArgumentException.class, () -> new RobustSeasonalBaseline(0, 24, 0.1, 1));
        assertThrows(
                IllegalArgumentException.class, () -> new HoltWinters(1.5, 0.1, 0.1, HOUR, 24));
        assertThrows(IllegalArgumentException.class, () -> new LevelShiftDetector(0.1, 0.5, 0));
        assertEquals(6.0, DetectorOptions.DEFAULTS.zScale());
    }
}
