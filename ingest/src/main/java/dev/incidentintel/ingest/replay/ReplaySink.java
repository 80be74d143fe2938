package dev.incidentintel.ingest.replay;

/**
 * Where replayed requests go: in-process through the ingest service into Kafka, or over HTTP to a
 * running ingest. Implementations never throw for a rejected request; they report it.
 */
public interface ReplaySink extends AutoCloseable {
    /** Sends one item and reports what happened to it. */
    Outcome send(ReplayItem item);

    @Override
    default void close() {}

    /**
     * Result of one request: events accepted, or the rejection's error code and message ({@code
     * retriable} for 503s, which the replayer retries).
     */
    record Outcome(
            int accepted, int rejectedParts, String error, String message, boolean retriable) {
        /** An accepted request. */
        public static Outcome ok(int accepted, int rejectedParts) {
            return new Outcome(accepted, rejectedParts, null, null, false);
        }

        /** A rejected request. */
        public static Outcome rejected(String error, String message, boolean retriable) {
            return new Outcome(0, 0, error, message, retriable);
        }

        /** True when the request was accepted. */
        public boolean isOk() {
            return error == null;
        }
    }
}
