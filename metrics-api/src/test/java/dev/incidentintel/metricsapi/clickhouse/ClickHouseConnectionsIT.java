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
                      ResultSet rs = s.executeQuery("SELECT sum(number) FROM numbers(" + n + ")")) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get()).as("query %d", i).isEqualTo((long) (i + 1) * i / 2);
      }
    } finally {
      pool.shutdownNow();
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
