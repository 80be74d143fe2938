package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimersTest {
    @Test
    void roundsUpToTheFirstMillisecondAtOrAfterTheDeadline() {
        Instant whole = Instant.parse("2026-11-24T20:05:11.975Z");
        assertThat(EventTimers.timerFor(whole)).isEqualTo(whole.toEpochMilli());
        assertThat(EventTimers.timerFor(whole.plusNanos(301_601)))
                .isEqualTo(whole.toEpochMilli() + 1);
        assertThat(EventTimers.timerFor(whole.plusNanos(999_999)))
                .isEqualTo(whole.toEpochMilli() + 1);
        Instant beforeEpoch = Instant.ofEpochSecond(-1, 500_000); // -0.9995 s
        assertThat(EventTimers.timerFor(beforeEpoch)).isEqualTo(-999);
        assertThat(Instant.ofEpochMilli(EventTimers.timerFor(whole.plusNanos(1))))
                .isAfter(whole.plusNanos(1));
    }
}
