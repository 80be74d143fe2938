package dev.incidentintel.triage.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import smile.util.SparseArray;

class VocabularyTest {
    private static SparseArray counts(int... pairs) {
        SparseArray a = new SparseArray();
        for (int i = 0; i < pairs.length; i += 2) {
            a.append(pairs[i], pairs[i + 1]);
        }
        return a;
    }

    @Test
    void keepsTheMostFrequentFeaturesSeenTwiceAndWeighsThemByTfIdf() {
        List<SparseArray> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // feature 7 in every row, 9 in half, 11 once (dropped: seen in one row only).
            rows.add(
                    i == 0
                            ? counts(7, 1, 9, 3, 11, 1)
                            : i % 2 == 0 ? counts(7, 1, 9, 1) : counts(7, 2));
        }
        Vocabulary v = Vocabulary.fit(rows, 16, 10);
        assertThat(v.dimension()).isEqualTo(2);
        FeatureVector x = v.apply(counts(7, 1, 9, 1, 11, 4, 13, 2));
        assertThat(x.indices()).containsExactly(0, 1);
        // The rarer feature 9 weighs more than 7, and the vector has unit length.
        assertThat(x.weights()[1]).isGreaterThan(x.weights()[0]);
        assertThat(x.weights()[0] * x.weights()[0] + x.weights()[1] * x.weights()[1])
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void capsTheDimension() {
        List<SparseArray> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(counts(1, 1, 2, 1, 3, 1, 4 + (i % 2), 1));
        }
        assertThat(Vocabulary.fit(rows, 16, 3).dimension()).isEqualTo(3);
        assertThat(Vocabulary.fit(rows, 16, 100).dimension()).isEqualTo(5);
        assertThat(Vocabulary.fit(rows, 16, 100).apply(counts(15, 2)).indices()).isEmpty();
    }
}
