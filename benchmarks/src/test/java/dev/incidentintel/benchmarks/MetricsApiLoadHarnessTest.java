package dev.incidentintel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetricsApiLoadHarnessTest {
    @Test
    void variantsCycleThroughNoFilterAndEachFilterKind() {
        assertThat(IntStream.range(0, 5).mapToObj(MetricsApiLoadHarness::variant))
                .satisfiesExactly(
                        f -> assertThat(f).isEmpty(),
                        f -> assertThat(f).startsWith("service=svc-"),
                        f -> assertThat(f).startsWith("team=team-"),
                        f -> assertThat(f).matches("environment=(prod|staging)"),
                        f -> assertThat(f).matches("priority=P[1-5]"));
    }

    @Test
    void variedFiltersCoverEverySeededValue() {
        assertThat(distinct("service=")).isEqualTo(50);
        assertThat(distinct("team=")).isEqualTo(8);
        assertThat(distinct("environment=")).isEqualTo(2);
        assertThat(distinct("priority=")).isEqualTo(5);
    }

    private static long distinct(String prefix) {
        return IntStream.range(0, 1000)
                .mapToObj(MetricsApiLoadHarness::variant)
                .filter(f -> f.startsWith(prefix))
                .distinct()
                .count();
    }

    @Test
    void nearestRankPercentile() {
        long[] micros = {1000, 2000, 3000, 4000};
        assertThat(MetricsApiLoadHarness.pct(micros, 0.5)).isEqualTo(2.0);
        assertThat(MetricsApiLoadHarness.pct(micros, 0.99)).isEqualTo(4.0);
        assertThat(MetricsApiLoadHarness.pct(new long[0], 0.5)).isNaN();
    }
}
