package dev.incidentintel.correlation.clickhouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers elements and writes them in one batch per table, off the task thread.
 *
 * <p>{@code write}, the flush timer and the checkpoint calls run in the task's mailbox thread; the
 * inserts run on one background thread of this writer, which alone uses the JDBC connection. A full
 * buffer or the timer hands the batch over and the task goes on processing while ClickHouse stores
 * it, so an insert (tens to hundreds of milliseconds) does not hold up the operators chained with
 * the sink, such as the incident feed. At most one batch is in flight: a full buffer waits for it
 * (back-pressure), the timer skips a round.
 *
 * <p>A checkpoint does not wait for ClickHouse either: {@code flush} hands the buffer over when
 * nothing is in flight, and {@link #snapshotState} returns every element not yet confirmed stored
 * (the batch in flight and the buffer) as {@link PendingRows}, which the writer restored from that
 * checkpoint inserts first. So a completed checkpoint still implies that each of its rows is stored
 * or will be; before, the task thread waited for the inserts at every barrier, and every record
 * behind the barrier waited with it. The end of input still waits until everything is stored. A
 * batch that fails after its retries fails the task at the next {@code write}, timer, {@code flush}
 * or snapshot; Flink then restarts from the last checkpoint and the replayed rows replace
 * themselves.
 */
final class ClickHouseSinkWriter<T> implements StatefulSinkWriter<T, PendingRows<T>> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    private final String jdbcUrl;
    private final List<TableRows<T>> tables;
    private final ClickHouseSinkOptions options;
    private final ProcessingTimeService timers;
    private final Counter rowsOut;
    private final Counter retries;
    private final ExecutorService inserter;
    private List<T> buffer = new ArrayList<>();

    /** The batch being inserted, or null; set and read only in the mailbox thread. */
    private InFlight<T> inFlight;

    /** Used by the inserter thread only. */
    private Connection connection;

    private volatile boolean closed;

    ClickHouseSinkWriter(
            String jdbcUrl,
            List<TableRows<T>> tables,
            ClickHouseSinkOptions options,
            ProcessingTimeService timers,
            SinkWriterMetricGroup metrics,
            List<T> restored) {
        this.jdbcUrl = jdbcUrl;
        this.tables = tables;
        this.options = options;
        this.timers = timers;
        this.rowsOut = metrics.getNumRecordsSendCounter();
        this.retries = metrics.counter("clickhouse_retries");
        String thread = "clickhouse-sink-" + tables.get(0).getClass().getSimpleName();
        this.inserter =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, thread);
                            t.setDaemon(true);
                            return t;
                        });
        if (!restored.isEmpty()) {
            start(new ArrayList<>(restored)); // what a checkpoint kept as pending goes first
        }
        scheduleFlush();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        buffer.add(element);
        if (buffer.size() >= options.batchSize()) {
            handOver();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (endOfInput) {
            handOver();
            awaitInFlight();
        } else {
            handOverIfIdle();
        }
    }

    /**
     * The elements not yet confirmed stored: the batch in flight (unless it has finished) and the
     * buffer. Called right after {@link #flush}, in the mailbox thread; rethrows a failed batch.
     */
    @Override
    public List<PendingRows<T>> snapshotState(long checkpointId) throws IOException {
        try {
            collectIfDone(); // a finished batch is not waited for: get() returns at once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(
                    "interrupted while taking the ClickHouse sink's snapshot");
        }
        List<T> pending =
                new ArrayList<>(buffer.size() + (inFlight == null ? 0 : inFlight.rows().size()));
        if (inFlight != null) {
            pending.addAll(inFlight.rows());
        }
        pending.addAll(buffer);
        return pending.isEmpty() ? List.of() : List.of(new PendingRows<>(pending));
    }

    /**
     * Accounts for the batch in flight if it has finished (rethrowing its failure); true when
     * nothing is in flight any more.
     */
    private boolean collectIfDone() throws IOException, InterruptedException {
        if (inFlight != null && inFlight.stored().isDone()) {
            awaitInFlight();
        }
        return inFlight == null;
    }

    /** Starts the buffer when nothing is in flight any more; never waits for a running batch. */
    private void handOverIfIdle() throws IOException, InterruptedException {
        if (collectIfDone()) {
            handOver();
        }
    }

    private void scheduleFlush() {
        long at = timers.getCurrentProcessingTime() + options.flushInterval().toMillis();
        timers.registerTimer(
                at,
                time -> {
                    if (!closed) {
                        handOverIfIdle();
                        scheduleFlush();
                    }
                });
    }

    /**
     * Waits for the batch in flight (rethrowing its failure), then starts inserting the buffer in
     * the background.
     */
    private void handOver() throws IOException, InterruptedException {
        awaitInFlight();
        if (buffer.isEmpty()) {
            return;
        }
        List<T> batch = buffer;
        buffer = new ArrayList<>();
        start(batch);
    }

    private void start(List<T> batch) {
        inFlight = new InFlight<>(batch, inserter.submit(() -> insertWithRetries(batch)));
    }

    /** A batch handed to the inserter: its elements, and how many rows it stored once done. */
    private record InFlight<T>(List<T> rows, Future<Long> stored) {}

    /** Waits for the batch in flight, if any; rethrows its failure. */
    private void awaitInFlight() throws IOException, InterruptedException {
        if (inFlight == null) {
            return;
        }
        Future<Long> batch = inFlight.stored();
        inFlight = null;
        try {
            rowsOut.inc(batch.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("ClickHouse insert failed", cause);
        }
    }

    /** Runs on the inserter thread. */
    private long insertWithRetries(List<T> batch) throws IOException, InterruptedException {
        long backoff = options.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return insertAll(batch);
            } catch (SQLException | RuntimeException e) {
                closeConnection();
                if (attempt >= options.maxAttempts() || closed) {
                    throw new IOException(
                            "ClickHouse insert failed after "
                                    + attempt
                                    + " attempts ("
                                    + batch.size()
                                    + " elements in the batch)",
                            e);
                }
                retries.inc();
                LOG.warn(
                        "ClickHouse insert failed (attempt {}/{}), retrying in {} ms: {}",
                        attempt,
                        options.maxAttempts(),
                        backoff,
                        e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    /**
     * Inserts the batch into every table. A retry after a partial success re-inserts rows that
     * replace themselves.
     */
    private long insertAll(List<T> batch) throws SQLException {
        Connection c = connection();
        long total = 0;
        for (TableRows<T> table : tables) {
            try (PreparedStatement ps = c.prepareStatement(table.insertSql())) {
                int rows = 0;
                for (T element : batch) {
                    rows += table.addRows(element, ps);
                }
                if (rows > 0) {
                    ps.executeBatch();
                }
                total += rows;
            }
        }
        return total;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            // Instantiated directly: the jar's service file also registers a newer driver that
            // cannot
            // talk to ClickHouse 18.16 (STACK.md).
            connection =
                    new ru.yandex.clickhouse.ClickHouseDriver().connect(jdbcUrl, new Properties());
            if (connection == null) {
                throw new SQLException("driver did not accept URL " + jdbcUrl);
            }
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing ClickHouse connection", e);
            }
            connection = null;
        }
    }

    /**
     * Stops the inserter. Buffered rows not covered by a checkpoint are dropped here, as a
     * synchronous writer's would be: the job replays them from the checkpoint.
     */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        inserter.submit(this::closeConnection);
        inserter.shutdown();
        if (!inserter.awaitTermination(30, TimeUnit.SECONDS)) {
            inserter.shutdownNow();
        }
    }
}
