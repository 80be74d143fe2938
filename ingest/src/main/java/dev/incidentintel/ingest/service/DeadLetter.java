package dev.incidentintel.ingest.service;

import java.time.Instant;

/**
 * One record of the {@code ingest.dlq} topic: input that parsed but could not be normalised, kept
 * with the reason so an operator can fix the mapping or the sender and replay it. {@code body} is
 * the raw input as UTF-8 text, cut at {@link #MAX_BODY_CHARS} (then {@code truncated}).
 */
public record DeadLetter(
        Instant receivedAt,
        String endpoint,
        String integration,
        String error,
        String message,
        String field,
        String body,
        boolean truncated) {

    /** Longest body kept, so a dead letter stays well under Kafka's 1 MiB record limit. */
    public static final int MAX_BODY_CHARS = 256 * 1024;

    /** A dead letter whose body is cut to the limit. */
    public static DeadLetter of(
            Instant receivedAt,
            String endpoint,
            String integration,
            String error,
            String message,
            String field,
            String body) {
        boolean cut = body.length() > MAX_BODY_CHARS;
        return new DeadLetter(
                receivedAt,
                endpoint,
                integration,
                error,
                message,
                field,
                cut ? body.substring(0, MAX_BODY_CHARS) : body,
                cut);
    }
}
