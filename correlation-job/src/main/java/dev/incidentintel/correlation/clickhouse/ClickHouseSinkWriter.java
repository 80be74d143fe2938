package dev.incidentintel.correlation.clickhouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers elements and writes them in one batch per table. Runs in the task's mailbox thread
 * (both {@code write} and the flush timer), so it needs no locking.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

  private final String jdbcUrl;
  private final List<TableRows<T>> tables;
  private final ClickHouseSinkOptions options;
  private final ProcessingTimeService timers;
  private final Counter rowsOut;
  private final Counter retries;
  private final List<T> buffer = new ArrayList<>();
  private Connection connection;
  private boolean closed;

  ClickHouseSinkWriter(
      String jdbcUrl,
      List<TableRows<T>> tables,
      ClickHouseSinkOptions options,
      ProcessingTimeService timers,
      SinkWriterMetricGroup metrics) {
    this.jdbcUrl = jdbcUrl;
    this.tables = tables;
    this.options = options;
    this.timers = timers;
    this.rowsOut = metrics.getNumRecordsSendCounter();
    this.retries = metrics.counter("clickhouse_retries");
    scheduleFlush();
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    buffer.add(element);
    if (buffer.size() >= options.batchSize()) {
      flushBuffer();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    flushBuffer();
  }

  private void scheduleFlush() {
    long at = timers.getCurrentProcessingTime() + options.flushInterval().toMillis();
    timers.registerTimer(
        at,
        time -> {
          if (!closed) {
            flushBuffer();
            scheduleFlush();
          }
        });
  }

  private void flushBuffer() throws IOException, InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    long backoff = options.retryBackoff().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        long rows = insertAll();
        rowsOut.inc(rows);
        buffer.clear();
        return;
      } catch (SQLException | RuntimeException e) {
        closeConnection();
        if (attempt >= options.maxAttempts()) {
          throw new IOException(
              "ClickHouse insert failed after " + attempt + " attempts (" + buffer.size() + " elements buffered)", e);
        }
        retries.inc();
        LOG.warn("ClickHouse insert failed (attempt {}/{}), retrying in {} ms: {}",
            attempt, options.maxAttempts(), backoff, e.getMessage());
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  /** Inserts the buffer into every table. A retry after a partial success re-inserts rows that replace themselves. */
  private long insertAll() throws SQLException {
    Connection c = connection();
    long total = 0;
    for (TableRows<T> table : tables) {
      try (PreparedStatement ps = c.prepareStatement(table.insertSql())) {
        int rows = 0;
        for (T element : buffer) {
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
      // Instantiated directly: the jar's service file also registers a newer driver that cannot
      // talk to ClickHouse 18.16 (STACK.md).
      connection = new ru.yandex.clickhouse.ClickHouseDriver().connect(jdbcUrl, new Properties());
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

  @Override
  public void close() {
    closed = true;
    closeConnection();
  }
}
