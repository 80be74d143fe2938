package dev.incidentintel.metricsapi.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedSpansTest {

    @Test
    void aSpanWithSomeIncidentsIsFollowedByOneSizedFromTheirDensity() {
        // 9 of the 51 a page of 50 needs in the first hour: about 5.7 hours at that rate, twice
        // over.
        assertThat(FeedSpans.next(Duration.ofHours(1), 9, 51))
                .contains(Duration.ofMillis(3_600_000L * 102 / 9));
        // One short of the page: a little over twice the span, never less.
        assertThat(FeedSpans.next(Duration.ofDays(1), 50, 51))
                .contains(Duration.ofMillis(86_400_000L * 102 / 50));
    }

    @Test
    void anEmptySpanIsFollowedByTheNextFixedStep() {
        assertThat(FeedSpans.first()).isEqualTo(Duration.ofHours(1));
        assertThat(FeedSpans.next(Duration.ofHours(1), 0, 51)).contains(Duration.ofDays(1));
        assertThat(FeedSpans.next(Duration.ofHours(5), 0, 51)).contains(Duration.ofDays(1));
        assertThat(FeedSpans.next(Duration.ofDays(64), 0, 51)).contains(Duration.ofDays(512));
        assertThat(FeedSpans.next(Duration.ofDays(512), 0, 51)).isEmpty();
    }

    @Test
    void aSpanBeyondTheLastStepMeansEverything() {
        assertThat(FeedSpans.next(Duration.ofDays(300), 1, 2)).isEmpty();
        assertThat(FeedSpans.next(Duration.ofDays(100), 1, 501)).isEmpty();
        // No overflow on the widest spans and pages.
        assertThat(FeedSpans.next(Duration.ofDays(511), 1, 501)).isEmpty();
    }

    @Test
    void spansGrowAtLeastTwofoldSoThatAFeedEndsInFewReads() {
        Duration span = FeedSpans.first();
        int reads = 1;
        Optional<Duration> next;
        // Worst case for the density rule: every span one short of the page.
        while ((next = FeedSpans.next(span, 500, 501)).isPresent()) {
            assertThat(next.get()).isGreaterThanOrEqualTo(span.multipliedBy(2));
            span = next.get();
            reads++;
        }
        assertThat(reads).isLessThanOrEqualTo(15);
    }

    @Test
    void aSpanThatFillsThePageHasNoNext() {
        assertThatThrownBy(() -> FeedSpans.next(Duration.ofHours(1), 51, 51))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
