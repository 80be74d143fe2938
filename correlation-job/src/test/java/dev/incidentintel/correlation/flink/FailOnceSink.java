package dev.incidentintel.correlation.flink;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Test sink wrapper that injects one failure: after at least one checkpoint flush and {@code
 * failAfter} records, its writer throws once per JVM run (the flag is static because the
 * MiniCluster runs in this JVM), so Flink must restart the job from that checkpoint. It also slows
 * each record slightly so that checkpoints complete while the bounded input is still streaming.
 */
final class FailOnceSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  static final AtomicBoolean FAILED = new AtomicBoolean();

  private final Sink<T> delegate;
  private final int failAfter;

  FailOnceSink(Sink<T> delegate, int failAfter) {
    this.delegate = delegate;
    this.failAfter = failAfter;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    SinkWriter<T> inner = delegate.createWriter(context);
    return new SinkWriter<>() {
      private int records;
      private int flushes;

      @Override
      public void write(T element, Context ctx) throws IOException, InterruptedException {
        Thread.sleep(15); // slow enough that checkpoints (300 ms) complete mid-stream on a fast machine
        if (!FAILED.get() && flushes > 0 && ++records >= failAfter && FAILED.compareAndSet(false, true)) {
          throw new IOException("injected failure for the restart test");
        }
        inner.write(element, ctx);
      }

      @Override
      public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushes++;
        inner.flush(endOfInput);
      }

      @Override
      public void close() throws Exception {
        inner.close();
      }
    };
  }
}
