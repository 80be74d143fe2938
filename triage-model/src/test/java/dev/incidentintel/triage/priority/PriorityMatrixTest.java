package dev.incidentintel.triage.priority;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriorityMatrixTest {
    @Test
    void matchesTheItilTableCellByCell() {
        // Written out from the ITIL impact x urgency table, not from the rank formula.
        Object[][] table = {
            {Level.HIGH, Level.HIGH, Priority.P1}, {Level.HIGH, Level.MEDIUM, Priority.P2},
            {Level.HIGH, Level.LOW, Priority.P3}, {Level.MEDIUM, Level.HIGH, Priority.P2},
            {Level.MEDIUM, Level.MEDIUM, Priority.P3}, {Level.MEDIUM, Level.LOW, Priority.P4},
            {Level.LOW, Level.HIGH, Priority.P3}, {Level.LOW, Level.MEDIUM, Priority.P4},
            {Level.LOW, Level.LOW, Priority.P5},
        };
        for (Object[] row : table) {
            assertThat(PriorityMatrix.priority((Level) row[0], (Level) row[1]))
                    .as("%s x %s", row[0], row[1])
                    .isEqualTo(row[2]);
        }
    }

    @Test
    void readsItilWordingAndIgnoresUnknownEncodings() {
        assertThat(PriorityMatrix.priority("Company-wide", "high")).contains(Priority.P1);
        assertThat(PriorityMatrix.priority("individual", "Low")).contains(Priority.P5);
        assertThat(PriorityMatrix.priority("department", "3")).contains(Priority.P4);
        assertThat(PriorityMatrix.priority("4", "high")).isEmpty();
        assertThat(PriorityMatrix.priority(null, "high")).isEmpty();
    }
}
