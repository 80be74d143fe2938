package dev.incidentintel.correlation.clickhouse;

import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Flink sink that batches elements and inserts them into one or more ClickHouse tables over JDBC.
 *
 * <p>Delivery is at-least-once: buffered elements are flushed on every checkpoint (so a completed
 * checkpoint implies they are stored) and on a timer. Replays after a failure write some rows again;
 * the target tables are ReplacingMergeTree keyed so that a repeated row replaces itself, which
 * makes the end result exactly-once for readers that use {@code FINAL} or {@code argMax}.
 */
public final class ClickHouseSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private final String jdbcUrl;
  private final List<TableRows<T>> tables;
  private final ClickHouseSinkOptions options;

  public ClickHouseSink(String jdbcUrl, List<TableRows<T>> tables, ClickHouseSinkOptions options) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:clickhouse:")) {
      throw new IllegalArgumentException("jdbcUrl must start with jdbc:clickhouse:, got " + jdbcUrl);
    }
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("at least one table is needed");
    }
    this.jdbcUrl = jdbcUrl;
    this.tables = List.copyOf(tables);
    this.options = options;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ClickHouseSinkWriter<>(jdbcUrl, tables, options, context.getProcessingTimeService(), context.metricGroup());
  }
}
