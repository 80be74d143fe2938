package dev.incidentintel.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.ingest.service.Endpoint;
import dev.incidentintel.ingest.service.RequestMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pacing, retries and the summary of the replayer, with a scripted sink and a recording sleeper.
 */
class ReplayerTest {
    private static ReplayItem at(String time) {
        return new ReplayItem(
                Endpoint.LIFECYCLE,
                new byte[0],
                RequestMeta.none(),
                "t" + time,
                time == null ? null : Instant.parse(time));
    }

    @Test
    void pacesByEventTimeDividedBySpeedAndRetries503() throws Exception {
        List<Duration> sleeps = new ArrayList<>();
        List<ReplaySink.Outcome> script =
                new ArrayList<>(
                        List.of(
                                ReplaySink.Outcome.ok(2, 0),
                                ReplaySink.Outcome.rejected("kafka_unavailable", "down", true),
                                ReplaySink.Outcome.ok(1, 1),
                                ReplaySink.Outcome.rejected("invalid_value", "bad", false)));
        ReplaySink sink = item -> script.remove(0);
        Replayer replayer = new Replayer(sink, 3600, sleeps::add);

        List<Replayer.Progress> progress = new ArrayList<>();
        Replayer.Summary s =
                replayer.run(
                        List.of(at("2024-01-01T00:00:00Z"), at("2024-01-01T01:00:00Z"), at(null)),
                        progress::add);

        // Item 2 is one hour later at 3600x: due 1 s after the start (minus the little time spent);
        // then one retry back-off of 500 ms.
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(sleeps.get(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(s.requests()).isEqualTo(3);
        assertThat(s.acceptedRequests()).isEqualTo(2);
        assertThat(s.acceptedEvents()).isEqualTo(3);
        assertThat(s.rejectedParts()).isEqualTo(1);
        assertThat(s.rejectedByReason())
                .containsExactlyEntriesOf(java.util.Map.of("invalid_value", 1));
        assertThat(s.examples()).containsExactly("tnull: invalid_value: bad");
        assertThat(progress).extracting(Replayer.Progress::done).containsExactly(1, 2, 3);
    }

    @Test
    void speedZeroNeverSleeps() throws Exception {
        List<Duration> sleeps = new ArrayList<>();
        new Replayer(item -> ReplaySink.Outcome.ok(1, 0), 0, sleeps::add)
                .run(List.of(at("2024-01-01T00:00:00Z"), at("2024-01-02T00:00:00Z")), p -> {});
        assertThat(sleeps).isEmpty();
    }

    @Test
    void sourceSplitsNdjsonFilesAndDetectsPagerDutyShapes(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("a.ndjson"),
                "{\"routing_key\":\"k\",\"event_action\":\"trigger\"}\n\n{\"event\":{}}\n{\"routing_key\":\"k\",\"payload\":{}}\n");
        Files.writeString(dir.resolve("notes.md"), "ignored");
        List<ReplayItem> items = ReplaySource.load(dir, ReplayFormat.PAGERDUTY, false).items();
        assertThat(items)
                .extracting(ReplayItem::endpoint)
                .containsExactly(
                        Endpoint.PAGERDUTY, Endpoint.PAGERDUTY_WEBHOOK, Endpoint.PAGERDUTY_CHANGE);
        assertThat(items)
                .extracting(ReplayItem::origin)
                .containsExactly(
                        dir.resolve("a.ndjson") + ":1",
                        dir.resolve("a.ndjson") + ":3",
                        dir.resolve("a.ndjson") + ":4");
    }
}
