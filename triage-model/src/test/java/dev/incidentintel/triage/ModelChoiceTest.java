package dev.incidentintel.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.triage.classify.Algorithm;
import dev.incidentintel.triage.evaluate.ClassificationMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {
    /** A CV result over {@code n} rows of class 0 with {@code right} of them predicted right. */
    private static TriageTrainer.CvResult result(int n, int right) {
        TriageTrainer.CvResult r = new TriageTrainer.CvResult(n);
        int[] y = new int[n];
        for (int i = right; i < n; i++) {
            r.predicted[i] = 1;
        }
        r.metrics = ClassificationMetrics.of(List.of("a", "b"), y, r.predicted);
        return r;
    }

    @Test
    void aDifferenceWithinOneStandardErrorKeepsTheEarlierCandidate() {
        // 1,000 rows at ~55 %: one standard error is ~1.6 points; 0.540 vs 0.547 is noise.
        Map<Algorithm, TriageTrainer.CvResult> r = new LinkedHashMap<>();
        r.put(Algorithm.LOGISTIC, result(1000, 540));
        r.put(Algorithm.LINEAR_SVM, result(1000, 547));
        assertThat(TriageTrainer.choose(r, 1000)).isEqualTo(Algorithm.LOGISTIC);
    }

    @Test
    void aClearlyBetterLaterCandidateWins() {
        Map<Algorithm, TriageTrainer.CvResult> r = new LinkedHashMap<>();
        r.put(Algorithm.LOGISTIC, result(1000, 500));
        r.put(Algorithm.LINEAR_SVM, result(1000, 560));
        r.put(Algorithm.RANDOM_FOREST, result(1000, 520));
        assertThat(TriageTrainer.choose(r, 1000)).isEqualTo(Algorithm.LINEAR_SVM);
    }

    @Test
    void noCandidateNoChoice() {
        assertThat(TriageTrainer.choose(new LinkedHashMap<>(), 10)).isNull();
    }
}
