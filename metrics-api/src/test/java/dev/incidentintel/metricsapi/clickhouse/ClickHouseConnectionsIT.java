package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The shared driver connection behind {@link ClickHouseConnections#open()}, on a real server. */
class ClickHouseConnectionsIT {
    private final ClickHouseConnections connections =
            ClickHouseConnections.of(
                    ClickHouseUrl.parse(SharedTestInfra.clickHouse().jdbcUrl("default")));

    @Test
    void closingAHandedOutConnectionLeavesTheSharedOneUsable() throws Exception {
        Connection first = connections.open();
        first.close();

        assertThat(first.isClosed()).isFalse();
        try (Connection second = connections.open()) {
            assertThat(selectOne(second)).isEqualTo(1);
        }
        assertThat(selectOne(first)).isEqualTo(1);
    }

    @Test
    void manyThreadsQueryAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                long n = i + 1; // numbers(0) never ends on 18.16
                answers.add(
                        pool.submit(
                                () -> {
                                    try (Connection c = connections.open();
                                            Statement s = c.createStatement();
                                            ResultSet rs =
                                                    s.executeQuery(
                                                            "SELECT sum(number) FROM numbers("
                                                                    + n
                                                                    + ")")) {
                                        rs.next();
                                        return rs.getLong(1);
                                    }
                                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get())
                        .as("query %d", i)
                        .isEqualTo((long) (i + 1) * i / 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondReadOfTheSameDataIsServedFromTheCacheOfDecompressedBlocks() throws Exception {
        String database = SharedTestInfra.uniqueName("cache");
        SharedTestInfra.clickHouse().createDatabase(database);
        ClickHouseConnections db = connections.forDatabase(database);
        try (Connection c = db.open();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k UInt64, v String) ENGINE = MergeTree ORDER BY k");
            s.execute("INSERT INTO t SELECT number, toString(number) FROM numbers(100000)");
            long sum = sumOfLengths(s);
            long hitsBefore = uncompressedCacheHits(s);
            assertThat(sumOfLengths(s)).isEqualTo(sum);
            // The local server configures the cache (18.16 has none unless uncompressed_cache_size
            // is
            // set) and API connections ask for it (18.16 does so by default, newer servers do not);
            // without the cache a repeated read decompresses its blocks again and the counter stays
            // put.
            assertThat(uncompressedCacheHits(s)).isGreaterThan(hitsBefore);
        }
    }

    @Test
    void querySettingsInTheUrlReachTheServer() throws Exception {
        // README, "ClickHouse server settings for the API": e.g. max_threads=1 in CLICKHOUSE_URL.
        // 3 is nobody's default, so reading it back proves the URL's value reached the server.
        ClickHouseConnections three =
                ClickHouseConnections.of(
                        ClickHouseUrl.parse(SharedTestInfra.clickHouse().jdbcUrl("default"))
                                .withParameters("max_threads=3"));
        try (Connection c = three.open();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT value FROM system.settings WHERE name = 'max_threads'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("3");
        }
    }

    private static long sumOfLengths(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT sum(length(v)) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long uncompressedCacheHits(Statement s) throws Exception {
        try (ResultSet rs =
                s.executeQuery(
                        "SELECT sum(value) FROM system.events WHERE event = 'UncompressedCacheHits'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int selectOne(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
