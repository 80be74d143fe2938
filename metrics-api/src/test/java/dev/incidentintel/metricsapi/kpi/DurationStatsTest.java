package dev.incidentintel.metricsapi.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationStatsTest {

    @Test
    void noDataMeansNullFiguresNotZero() {
        DurationStats empty = DurationStats.empty();

        assertThat(empty.count()).isZero();
        assertThat(empty.meanSeconds()).isNull();
        assertThat(empty.medianSeconds()).isNull();
        assertThat(empty.p90Seconds()).isNull();
        assertThatThrownBy(() -> new DurationStats(0, 0.0, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void figuresAreRequiredWhenThereIsData() {
        assertThatThrownBy(() -> new DurationStats(2, 1.0, null, 3.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DurationStats(-1, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DurationStats(1, 5.0, 5.0, 5.0).count()).isEqualTo(1);
    }

    @Test
    void groupRejectsMoreOpenThanIncidentsAndCountsBeyondTheirPopulation() {
        DurationStats one = new DurationStats(1, 1.0, 1.0, 1.0);
        DurationStats none = DurationStats.empty();

        assertThatThrownBy(() -> new MttxGroup("k", 1, 2, none, none, none))
                .isInstanceOf(IllegalArgumentException.class);
        // One incident, open, cannot contribute a resolution time.
        assertThatThrownBy(() -> new MttxGroup("k", 1, 1, one, one, none))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new MttxGroup("k", 1, 1, none, one, one).open()).isEqualTo(1);
    }
}
