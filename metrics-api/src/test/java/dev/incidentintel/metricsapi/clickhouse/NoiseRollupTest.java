package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@link NoiseRollup} splits a window between rollup rows and raw rows. */
class NoiseRollupTest {
    private static final long HOUR = NoiseRollup.HOUR_MS;
    private static final long DAY = NoiseRollup.DAY_MS;

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static List<String> show(List<long[]> ranges) {
        List<String> out = new ArrayList<>();
        for (long[] r : ranges) {
            out.add(Instant.ofEpochMilli(r[0]) + ".." + Instant.ofEpochMilli(r[1]));
        }
        return out;
    }

    @Test
    void wholeCleanDaysFromDayRowsOtherWholeHoursFromHourRowsTheRestRaw() {
        NoiseRollup.Split split =
                NoiseRollup.split(
                        at("2026-03-01T10:20:00Z"),
                        at("2026-03-05T08:30:00Z"),
                        at("2026-03-05T06:00:00Z"),
                        List.of(at("2026-03-03T04:00:00Z"), at("2026-03-06T00:00:00Z")));

        // 03-03 holds a dirty hour, so its other hours come from hour rows; 03-05 ends past the
        // rollup.
        assertThat(show(split.days()))
                .containsExactly(
                        "2026-03-02T00:00:00Z..2026-03-03T00:00:00Z",
                        "2026-03-04T00:00:00Z..2026-03-05T00:00:00Z");
        assertThat(show(split.hours()))
                .containsExactly(
                        "2026-03-01T11:00:00Z..2026-03-02T00:00:00Z",
                        "2026-03-03T00:00:00Z..2026-03-03T04:00:00Z",
                        "2026-03-03T05:00:00Z..2026-03-04T00:00:00Z",
                        "2026-03-05T00:00:00Z..2026-03-05T06:00:00Z");
        assertThat(show(split.raw()))
                .containsExactly(
                        "2026-03-01T10:20:00Z..2026-03-01T11:00:00Z",
                        "2026-03-03T04:00:00Z..2026-03-03T05:00:00Z",
                        "2026-03-05T06:00:00Z..2026-03-05T08:30:00Z");
    }

    @Test
    void theHoursOfADayStayHourRowsWhenTheDayReachesPastTheRollup() {
        NoiseRollup.Split split =
                NoiseRollup.split(
                        at("2026-03-02T00:00:00Z"),
                        at("2026-03-03T00:00:00Z"),
                        at("2026-03-02T23:00:00Z"),
                        List.of());
        assertThat(split.days()).isEmpty();
        assertThat(show(split.hours()))
                .containsExactly("2026-03-02T00:00:00Z..2026-03-02T23:00:00Z");
        assertThat(show(split.raw())).containsExactly("2026-03-02T23:00:00Z..2026-03-03T00:00:00Z");
    }

    @Test
    void withinOneHourOrWithoutARollupEverythingIsRaw() {
        long from = at("2026-03-02T10:05:00Z");
        NoiseRollup.Split inHour =
                NoiseRollup.split(from, from + 50 * 60_000, from + DAY, List.of());
        assertThat(inHour.rolls()).isFalse();
        assertThat(show(inHour.raw()))
                .containsExactly("2026-03-02T10:05:00Z..2026-03-02T10:55:00Z");
        assertThat(NoiseRollup.rolledCondition(inHour)).isEqualTo("0");

        NoiseRollup.Split none = NoiseRollup.split(from, from + 9 * DAY, Long.MIN_VALUE, List.of());
        assertThat(none.rolls()).isFalse();
        assertThat(none.raw()).hasSize(1);
    }

    @Test
    void everyMillisecondOfTheWindowIsReadOnceAndNoDirtyHourFromTheRollup() {
        Random random = new Random(7);
        long base = at("2026-01-01T00:00:00Z");
        for (int i = 0; i < 2000; i++) {
            long from = base + (long) (random.nextDouble() * 20 * DAY);
            long to = from + (long) (random.nextDouble() * 12 * DAY);
            long builtTo =
                    random.nextInt(5) == 0 ? Long.MIN_VALUE : base + random.nextInt(30 * 24) * HOUR;
            List<Long> dirty = new ArrayList<>();
            for (int k = random.nextInt(6); k > 0; k--) {
                dirty.add(base + random.nextInt(30 * 24) * HOUR);
            }
            NoiseRollup.Split split = NoiseRollup.split(from, to, builtTo, dirty);

            List<long[]> all = new ArrayList<>();
            all.addAll(split.days());
            all.addAll(split.hours());
            all.addAll(split.raw());
            all.sort(Comparator.comparingLong(r -> r[0]));
            long cursor = from;
            for (long[] r : all) {
                assertThat(r[0]).as("gap or overlap at %s", r[0]).isEqualTo(cursor);
                assertThat(r[1]).isGreaterThan(r[0]);
                cursor = r[1];
            }
            assertThat(cursor).isEqualTo(Math.max(from, to));
            Set<Long> dirtySet = Set.copyOf(dirty);
            for (long[] d : split.days()) {
                assertThat(d[0] % DAY).isZero();
                assertThat(d[1] % DAY).isZero();
                assertThat(d[1]).isLessThanOrEqualTo(builtTo);
                for (long h = d[0]; h < d[1]; h += HOUR) {
                    assertThat(dirtySet).doesNotContain(h);
                }
            }
            for (long[] h : split.hours()) {
                assertThat(h[0] % HOUR).isZero();
                assertThat(h[1]).isLessThanOrEqualTo(builtTo);
                for (long x = h[0]; x < h[1]; x += HOUR) {
                    assertThat(dirtySet).doesNotContain(x);
                }
            }
        }
    }

    @Test
    void placeholdersInlineOnlyNumbersAndReadTheSnapshotsPartition() {
        IncidentSnapshots.Reading incidents =
                new IncidentSnapshots.Reading(
                        Optional.of(
                                new IncidentSnapshots.Snapshot(1_772_000_000_123L, 1_772_000_000L)),
                        false);
        var placeholders =
                NoiseRollup.placeholders(
                        new NoiseRollup.Reading(
                                incidents,
                                at("2026-03-05T06:00:00Z"),
                                List.of(at("2026-03-03T04:00:00Z")),
                                List.of()),
                        at("2026-03-01T10:20:00Z"),
                        at("2026-03-05T08:30:00Z"));
        assertThat(placeholders.get("noise_rollup_rows"))
                .startsWith("snapshot = 1772000000123 AND (kind IN (0, 1) AND ")
                .contains("hours = 24 AND ((start_ms >= " + at("2026-03-02T00:00:00Z"))
                .doesNotContain("'");
        assertThat(placeholders.get("raw_alert_times"))
                .contains(
                        "(event_ms >= "
                                + at("2026-03-03T04:00:00Z")
                                + " AND event_ms < "
                                + at("2026-03-03T05:00:00Z")
                                + ")");
        // Links: no hour written to, so 04:00 comes from the rollup and only the edges are raw.
        assertThat(placeholders.get("raw_link_incidents"))
                .contains("incident_snapshots WHERE snapshot = 1772000000123")
                .doesNotContain(String.valueOf(at("2026-03-03T05:00:00Z")))
                .doesNotContain("incident_writes");
    }
}
