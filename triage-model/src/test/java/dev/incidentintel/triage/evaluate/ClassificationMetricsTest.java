package dev.incidentintel.triage.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    @Test
    void computesFiguresByHand() {
        // truth a a a b b c ; predicted a a b b c c
        ClassificationMetrics m =
                ClassificationMetrics.of(
                        List.of("a", "b", "c", "unused"),
                        new int[] {0, 0, 0, 1, 1, 2},
                        new int[] {0, 0, 1, 1, 2, 2});
        assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
        // a: p 2/2 r 2/3 f1 0.8; b: p 1/2 r 1/2 f1 0.5; c: p 1/2 r 1/1 f1 2/3. "unused" is left
        // out.
        assertThat(m.perClass()).hasSize(3);
        assertThat(m.macroF1()).isCloseTo((0.8 + 0.5 + 2.0 / 3) / 3, within(1e-12));
        assertThat(m.confusion()[0]).containsExactly(2, 1, 0, 0);
    }
}
