package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.clickhouse.ClickHouseSink;
import dev.incidentintel.correlation.clickhouse.PendingRows;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Test wrapper of a ClickHouse sink that injects one failure: after at least one checkpoint and
 * {@code failAfter} records, its writer throws once per JVM run (the flag is static because the
 * MiniCluster runs in this JVM), so Flink must restart the job from that checkpoint. It also slows
 * each record slightly so that checkpoints complete while the bounded input is still streaming.
 *
 * <p>It does not pass the checkpoint's flush on: with a long flush interval the wrapped writer then
 * inserts nothing before the end of input, so every checkpoint carries its rows as pending state
 * (as when ClickHouse is slower than the checkpoints), and the restart must restore and insert
 * them. {@link #RESTORED} counts the pending elements restored.
 */
final class FailOnceSink<T> implements Sink<T>, SupportsWriterState<T, PendingRows<T>> {
    private static final long serialVersionUID = 2L;
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicLong RESTORED = new AtomicLong();

    private final ClickHouseSink<T> delegate;
    private final int failAfter;

    FailOnceSink(ClickHouseSink<T> delegate, int failAfter) {
        this.delegate = delegate;
        this.failAfter = failAfter;
    }

    @Override
    public StatefulSinkWriter<T, PendingRows<T>> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, PendingRows<T>> restoreWriter(
            WriterInitContext context, Collection<PendingRows<T>> recovered) throws IOException {
        recovered.forEach(rows -> RESTORED.addAndGet(rows.elements().size()));
        StatefulSinkWriter<T, PendingRows<T>> inner = delegate.restoreWriter(context, recovered);
        return new StatefulSinkWriter<>() {
            private int records;
            private int snapshots;

            @Override
            public void write(T element, Context ctx) throws IOException, InterruptedException {
                Thread.sleep(
                        15); // slow enough that checkpoints (300 ms) complete mid-stream on a fast
                // machine
                if (!FAILED.get()
                        && snapshots > 0
                        && ++records >= failAfter
                        && FAILED.compareAndSet(false, true)) {
                    throw new IOException("injected failure for the restart test");
                }
                inner.write(element, ctx);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                if (endOfInput) {
                    inner.flush(true);
                }
            }

            @Override
            public List<PendingRows<T>> snapshotState(long checkpointId) throws IOException {
                snapshots++;
                return inner.snapshotState(checkpointId);
            }

            @Override
            public void close() throws Exception {
                inner.close();
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<PendingRows<T>> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }
}
