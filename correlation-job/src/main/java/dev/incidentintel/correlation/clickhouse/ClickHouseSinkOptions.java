package dev.incidentintel.correlation.clickhouse;

import java.io.Serializable;
import java.time.Duration;

/**
 * Batching and retry settings of {@link ClickHouseSink}.
 *
 * @param batchSize flush when this many elements are buffered (ClickHouse makes one part per
 *     insert, so larger batches are cheaper)
 * @param flushInterval flush at least this often, so a quiet stream still reaches the table
 * @param maxAttempts attempts per flush before the writer fails the task (and Flink restarts from
 *     the last checkpoint)
 * @param retryBackoff wait before the second attempt; doubles on each further attempt
 */
public record ClickHouseSinkOptions(
        int batchSize, Duration flushInterval, int maxAttempts, Duration retryBackoff)
        implements Serializable {

    public ClickHouseSinkOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException(
                    "flushInterval must be positive, got " + flushInterval);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException(
                    "retryBackoff must not be negative, got " + retryBackoff);
        }
    }

    /** 10,000 rows or 500 ms, 5 attempts starting at 200 ms. */
    public static ClickHouseSinkOptions defaults() {
        return new ClickHouseSinkOptions(10_000, Duration.ofMillis(500), 5, Duration.ofMillis(200));
    }
}
