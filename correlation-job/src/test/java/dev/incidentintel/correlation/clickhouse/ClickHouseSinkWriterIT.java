package dev.incidentintel.correlation.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse sink writer on the real server: inserts run off the task thread, a checkpoint
 * neither waits for them nor loses what they have not stored yet (it is in the snapshot, and a
 * restored writer inserts it first), the end of input waits for every element, and a failed insert
 * fails the writer.
 */
class ClickHouseSinkWriterIT {
    private static final Duration NO_TIMER = Duration.ofDays(1);
    private static String jdbcUrl;

    /** Blocks the inserter thread in the middle of a batch until the test releases it. */
    static volatile CountDownLatch gate = new CountDownLatch(0);

    static volatile CountDownLatch inserting = new CountDownLatch(0);

    @BeforeAll
    static void createTable() throws Exception {
        LocalClickHouse ch = SharedTestInfra.clickHouse();
        String db = SharedTestInfra.uniqueName("sinkwriter");
        ch.createDatabase(db);
        jdbcUrl = ch.jdbcUrl(db);
        execute("CREATE TABLE values_in (v String) ENGINE = Log");
    }

    @Test
    void writeAndCheckpointGoOnWhileABatchIsBeingInsertedAndTheEndOfInputWaitsForIt()
            throws Exception {
        String tag = "async-" + System.nanoTime();
        gate = new CountDownLatch(1);
        inserting = new CountDownLatch(1);
        ClickHouseSinkWriter<String> writer =
                writer(new TestRows("values_in", true), 3, new ManualTimers());
        try {
            assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> {
                        for (int i = 0; i < 3; i++) {
                            writer.write(
                                    tag + "-" + i,
                                    null); // the third fills the batch: handed to the inserter
                        }
                        assertThat(inserting.await(10, TimeUnit.SECONDS))
                                .as("the inserter started the batch")
                                .isTrue();
                        // The inserter is stuck in the batch; a synchronous writer would be stuck
                        // in write() above.
                        writer.write(tag + "-3", null);
                        writer.write(tag + "-4", null);
                        // A checkpoint: neither the flush before the barrier nor the snapshot waits
                        // for ClickHouse,
                        // and the snapshot keeps everything not yet stored, in write order.
                        writer.flush(false);
                        assertThat(elements(writer.snapshotState(1)))
                                .containsExactly(
                                        tag + "-0", tag + "-1", tag + "-2", tag + "-3", tag + "-4");
                    });
            assertThat(count(tag)).as("nothing stored while the batch is held").isZero();
            gate.countDown();
            writer.flush(true);
            assertThat(count(tag))
                    .as("the end of input returns once every element is stored")
                    .isEqualTo(5);
            assertThat(writer.snapshotState(2)).as("nothing pending once stored").isEmpty();
        } finally {
            gate.countDown();
            writer.close();
        }
    }

    @Test
    void aCheckpointHandsOverTheBufferAndKeepsOnlyWhatIsNotStoredYet() throws Exception {
        String tag = "ckpt-" + System.nanoTime();
        ClickHouseSinkWriter<String> writer =
                writer(new TestRows("values_in", false), 1_000, new ManualTimers());
        try {
            writer.write(tag + "-a", null);
            writer.write(tag + "-b", null);
            writer.flush(false); // nothing in flight: the buffer is handed over
            awaitCount(tag, 2);
            writer.write(tag + "-c", null);
            assertThat(elements(writer.snapshotState(1)))
                    .as("the stored batch is not kept, the buffered element is")
                    .containsExactly(tag + "-c");
        } finally {
            writer.close();
        }
    }

    @Test
    void aRestoredWriterInsertsThePendingRowsOfItsCheckpointFirst() throws Exception {
        String tag = "restore-" + System.nanoTime();
        List<String> pending = List.of(tag + "-x", tag + "-y", tag + "-z");
        ClickHouseSinkWriter<String> writer =
                writer(new TestRows("values_in", false), 1_000, new ManualTimers(), pending);
        try {
            awaitCount(tag, 3); // without any write, flush or timer
            assertThat(writer.snapshotState(1)).isEmpty();
        } finally {
            writer.close();
        }
    }

    @Test
    void theTimerHandsOverAPartialBatch() throws Exception {
        String tag = "timer-" + System.nanoTime();
        ManualTimers timers = new ManualTimers();
        ClickHouseSinkWriter<String> writer =
                writer(new TestRows("values_in", false), 1_000, timers);
        try {
            writer.write(tag + "-a", null);
            writer.write(tag + "-b", null);
            timers.fire();
            awaitCount(tag, 2); // stored without a flush
            assertThat(timers.registered).as("the timer re-arms itself").isEqualTo(2);
        } finally {
            writer.close();
        }
    }

    @Test
    void aFailedInsertFailsTheEndOfInput() throws Exception {
        ClickHouseSinkWriter<String> writer =
                writer(new TestRows("no_such_table", false), 2, new ManualTimers());
        try {
            writer.write("x", null);
            writer.write("y", null); // handed over; fails in the background
            assertThatThrownBy(() -> writer.flush(true))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("after 2 attempts");
        } finally {
            writer.close();
        }
    }

    @Test
    void aFailedInsertFailsTheNextCheckpoint() throws Exception {
        ClickHouseSinkWriter<String> writer =
                writer(new TestRows("no_such_table", false), 2, new ManualTimers());
        try {
            writer.write("x", null);
            writer.write("y", null);
            assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> {
                        while (true) { // the snapshot fails once the batch has failed; until then
                            // it keeps x and y
                            try {
                                assertThat(elements(writer.snapshotState(1)))
                                        .containsExactly("x", "y");
                            } catch (IOException e) {
                                assertThat(e).hasMessageContaining("after 2 attempts");
                                return;
                            }
                            Thread.sleep(20);
                        }
                    });
        } finally {
            writer.close();
        }
    }

    private static List<String> elements(List<PendingRows<String>> state) {
        List<String> out = new ArrayList<>();
        state.forEach(rows -> out.addAll(rows.elements()));
        return out;
    }

    private static void awaitCount(String tag, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count(tag) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count(tag)).isEqualTo(expected);
    }

    private static ClickHouseSinkWriter<String> writer(
            TableRows<String> rows, int batchSize, ManualTimers timers) {
        return writer(rows, batchSize, timers, List.of());
    }

    private static ClickHouseSinkWriter<String> writer(
            TableRows<String> rows, int batchSize, ManualTimers timers, List<String> restored) {
        InternalSinkWriterMetricGroup metrics =
                InternalSinkWriterMetricGroup.wrap(
                        UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());
        ClickHouseSinkOptions options =
                new ClickHouseSinkOptions(batchSize, NO_TIMER, 2, Duration.ZERO);
        return new ClickHouseSinkWriter<>(
                jdbcUrl, List.of(rows), options, timers, metrics, restored);
    }

    private static long count(String tag) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count() FROM values_in WHERE startsWith(v, '"
                                        + tag
                                        + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return new ru.yandex.clickhouse.ClickHouseDriver().connect(jdbcUrl, new Properties());
    }

    /** Rows of {@code table}; when {@code gated}, each row waits at {@link #gate} first. */
    record TestRows(String table, boolean gated) implements TableRows<String> {
        @Override
        public String insertSql() {
            return "INSERT INTO " + table + " (v) VALUES (?)";
        }

        @Override
        public int addRows(String element, PreparedStatement statement) throws SQLException {
            if (gated) {
                inserting.countDown();
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new SQLException("test gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException(e);
                }
            }
            statement.setString(1, element);
            statement.addBatch();
            return 1;
        }
    }

    /** Processing-time timers fired by the test. */
    static final class ManualTimers implements ProcessingTimeService {
        private final List<ProcessingTimeCallback> pending = new ArrayList<>();
        int registered;

        @Override
        public long getCurrentProcessingTime() {
            return System.currentTimeMillis();
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
            registered++;
            pending.add(target);
            return null;
        }

        void fire() throws Exception {
            List<ProcessingTimeCallback> due = new ArrayList<>(pending);
            pending.clear();
            for (ProcessingTimeCallback callback : due) {
                callback.onProcessingTime(getCurrentProcessingTime());
            }
        }
    }
}
