package dev.incidentintel.metricsapi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedSpanMemoryTest {

    @Test
    void anUnknownFilterStartsWithTheFirstStep() {
        assertThat(new FeedSpanMemory(4).start("svc-7")).isEqualTo(FeedSpans.first());
    }

    @Test
    void aFilterStartsWhereItsLastPageReachedTwiceOver() {
        FeedSpanMemory memory = new FeedSpanMemory(4);
        memory.filled("svc-7", Duration.ofHours(5));
        assertThat(memory.start("svc-7")).isEqualTo(Duration.ofHours(10));
        assertThat(memory.start("svc-8")).isEqualTo(FeedSpans.first());
        // The data got denser: the next page reached less far, and the span narrows with it.
        memory.filled("svc-7", Duration.ofHours(2));
        assertThat(memory.start("svc-7")).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void theSpanStaysBetweenTheFirstAndTheLastStep() {
        FeedSpanMemory memory = new FeedSpanMemory(4);
        memory.filled("busy", Duration.ofSeconds(20));
        assertThat(memory.start("busy")).isEqualTo(FeedSpans.first());
        memory.filled("rare", Duration.ofDays(400));
        assertThat(memory.start("rare")).isEqualTo(FeedSpans.widest());
        memory.filled(
                "clock-skew", Duration.ofMinutes(-5)); // an incident detected after the anchor
        assertThat(memory.start("clock-skew")).isEqualTo(FeedSpans.first());
    }

    @Test
    void theLeastRecentlyUsedFilterIsForgottenBeyondTheCapacity() {
        FeedSpanMemory memory = new FeedSpanMemory(2);
        memory.filled("a", Duration.ofHours(3));
        memory.filled("b", Duration.ofHours(4));
        memory.start("a"); // a used more recently than b
        memory.filled("c", Duration.ofHours(5));
        assertThat(memory.start("a")).isEqualTo(Duration.ofHours(6));
        assertThat(memory.start("b")).isEqualTo(FeedSpans.first());
        assertThat(memory.start("c")).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void theKeyIsTheConditionsAndPageSizeNotTheCursor() {
        IncidentFilter first = new IncidentFilter(50, "prod", "svc-7", "resolved");
        IncidentFilter later =
                new IncidentFilter(
                        50,
                        "prod",
                        "svc-7",
                        "resolved",
                        "",
                        "",
                        "",
                        "",
                        new FeedCursor(java.time.Instant.parse("2026-11-25T00:00:00Z"), "inc-1"));
        IncidentFilter bigger = new IncidentFilter(200, "prod", "svc-7", "resolved");
        IncidentFilter other = new IncidentFilter(50, "prod", "svc-7", "open");
        assertThat(FeedSpanMemory.key(later)).isEqualTo(FeedSpanMemory.key(first));
        assertThat(FeedSpanMemory.key(bigger)).isNotEqualTo(FeedSpanMemory.key(first));
        assertThat(FeedSpanMemory.key(other)).isNotEqualTo(FeedSpanMemory.key(first));
    }
}
