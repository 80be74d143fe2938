package dev.incidentintel.correlation.clickhouse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink sink that batches elements and inserts them into one or more ClickHouse tables over JDBC.
 *
 * <p>Delivery is at-least-once: a checkpoint hands the buffer to the inserter without waiting for
 * ClickHouse, and keeps every element not yet confirmed stored in the checkpoint ({@link
 * PendingRows}), so a completed checkpoint implies each of its rows is stored or will be inserted
 * by the writer restored from it. Replays after a failure write some rows again; the target tables
 * are ReplacingMergeTree keyed so that a repeated row replaces itself, which makes the end result
 * exactly-once for readers that use {@code FINAL} or {@code argMax}.
 */
public final class ClickHouseSink<T> implements Sink<T>, SupportsWriterState<T, PendingRows<T>> {
    private static final long serialVersionUID = 2L;
    private final String jdbcUrl;
    private final Class<T> elementType;
    private final List<TableRows<T>> tables;
    private final ClickHouseSinkOptions options;

    /**
     * A sink of {@code elementType} elements into {@code tables}, inserted in list order for each
     * batch; {@code elementType} must round-trip through the events JSON (it is how pending
     * elements are checkpointed).
     */
    public ClickHouseSink(
            String jdbcUrl,
            Class<T> elementType,
            List<TableRows<T>> tables,
            ClickHouseSinkOptions options) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:clickhouse:")) {
            throw new IllegalArgumentException(
                    "jdbcUrl must start with jdbc:clickhouse:, got " + jdbcUrl);
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("at least one table is needed");
        }
        this.jdbcUrl = jdbcUrl;
        this.elementType = Objects.requireNonNull(elementType, "elementType");
        this.tables = List.copyOf(tables);
        this.options = options;
    }

    @Override
    public StatefulSinkWriter<T, PendingRows<T>> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, PendingRows<T>> restoreWriter(
            WriterInitContext context, Collection<PendingRows<T>> recovered) {
        List<T> pending = new ArrayList<>();
        for (PendingRows<T> rows : recovered) {
            pending.addAll(rows.elements());
        }
        return new ClickHouseSinkWriter<>(
                jdbcUrl,
                tables,
                options,
                context.getProcessingTimeService(),
                context.metricGroup(),
                pending);
    }

    @Override
    public SimpleVersionedSerializer<PendingRows<T>> getWriterStateSerializer() {
        return new PendingRows.Serializer<>(elementType);
    }
}
