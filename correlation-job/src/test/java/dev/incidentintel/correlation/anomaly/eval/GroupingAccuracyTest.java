package dev.incidentintel.correlation.anomaly.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {

    @Test
    void countsOnlyLinesWhoseParsedGroupEqualsTheirTruthGroup() {
        // Truth groups: A = {0,1,2}, B = {3,4}, C = {5}. Parsed: x = {0,1,2} (exact), y = {3} and
        // z = {4} (B split: both wrong), w = {5} (exact). Correct = 3 + 1 = 4 of 6.
        List<String> truth = List.of("A", "A", "A", "B", "B", "C");
        List<String> parsed = List.of("x", "x", "x", "y", "z", "w");
        assertEquals(4.0 / 6.0, GroupingAccuracy.of(truth, parsed), 1e-12);
    }

    @Test
    void aMergedGroupIsWrongForAllItsLines() {
        List<String> truth = List.of("A", "A", "B", "C");
        List<String> parsed = List.of("x", "x", "x", "y");
        assertEquals(0.25, GroupingAccuracy.of(truth, parsed), 1e-12);
    }

    @Test
    void labelsNeedNotBeTheSameText() {
        assertEquals(
                1.0, GroupingAccuracy.of(List.of("a", "b", "a"), List.of("1", "2", "1")), 1e-12);
    }

    @Test
    void rejectsDifferentLengths() {
        assertThrows(
                IllegalArgumentException.class, () -> GroupingAccuracy.of(List.of("a"), List.of()));
    }
}
