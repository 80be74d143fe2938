package dev.incidentintel.ingest.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Sends {@link ReplayItem}s through a {@link ReplaySink} in order, optionally paced by their event
 * times, retrying 503s, and keeps the tally for the summary.
 *
 * <p>Pacing: with {@code speed > 0}, an item with time {@code t} is sent no earlier than {@code
 * start + (t - t0) / speed} of wall time, {@code t0} being the first item's time ({@code 1} is real
 * time, {@code 60} a minute per second). Items without a time are sent at once. {@code speed 0}
 * sends as fast as the sink accepts.
 */
public final class Replayer {
    /** Attempts per item while the sink answers "retry later" (Kafka unavailable). */
    public static final int ATTEMPTS = 5;

    private final ReplaySink sink;
    private final double speed;
    private final Sleeper sleeper;

    /** Sleeps; replaceable so tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public Replayer(ReplaySink sink, double speed, Sleeper sleeper) {
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("speed must be >= 0, got " + speed);
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.speed = speed;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Progress after each item. */
    public record Progress(int done, int total, long acceptedEvents, int rejectedRequests) {}

    /**
     * Totals: requests sent and accepted, events accepted, parts rejected inside accepted requests
     * (NDJSON lines sent to the DLQ), rejected requests by error code, and the first few rejection
     * messages with their origin.
     */
    public record Summary(
            int requests,
            int acceptedRequests,
            long acceptedEvents,
            long rejectedParts,
            Map<String, Integer> rejectedByReason,
            List<String> examples,
            Duration took) {

        /** Number of rejected requests. */
        public int rejectedRequests() {
            return rejectedByReason.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Replays every item; {@code progress} is called after each. */
    public Summary run(List<ReplayItem> items, Consumer<Progress> progress)
            throws InterruptedException {
        long wallStart = System.nanoTime();
        Instant t0 =
                items.stream()
                        .map(ReplayItem::time)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        int accepted = 0;
        long events = 0;
        long parts = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> examples = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ReplayItem item = items.get(i);
            if (speed > 0 && t0 != null && item.time() != null) {
                long dueNanos = (long) (Duration.between(t0, item.time()).toNanos() / speed);
                long wait = dueNanos - (System.nanoTime() - wallStart);
                if (wait > 0) {
                    sleeper.sleep(Duration.ofNanos(wait));
                }
            }
            ReplaySink.Outcome outcome = sink.send(item);
            for (int attempt = 1;
                    !outcome.isOk() && outcome.retriable() && attempt < ATTEMPTS;
                    attempt++) {
                sleeper.sleep(Duration.ofMillis(500L << (attempt - 1)));
                outcome = sink.send(item);
            }
            if (outcome.isOk()) {
                accepted++;
                events += outcome.accepted();
                parts += outcome.rejectedParts();
            } else {
                reasons.merge(outcome.error(), 1, Integer::sum);
                if (examples.size() < 10) {
                    examples.add(item.origin() + ": " + outcome.error() + ": " + outcome.message());
                }
            }
            progress.accept(new Progress(i + 1, items.size(), events, i + 1 - accepted));
        }
        return new Summary(
                items.size(),
                accepted,
                events,
                parts,
                Map.copyOf(reasons),
                List.copyOf(examples),
                Duration.ofNanos(System.nanoTime() - wallStart));
    }
}
