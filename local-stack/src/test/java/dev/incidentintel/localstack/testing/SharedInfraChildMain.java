package dev.incidentintel.localstack.testing;

import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import java.util.List;

/**
 * Started in a child JVM by {@link SharedTestInfraIT}: uses both shared services, reports the
 * ClickHouse pid and data directory on stdout, then returns so that only the shutdown hook can stop
 * them.
 */
public final class SharedInfraChildMain {

  private SharedInfraChildMain() {}

  public static void main(String[] args) {
    LocalKafka kafka = SharedTestInfra.kafka();
    kafka.createTopics(List.of(SharedTestInfra.uniqueName("child")), 1);
    LocalClickHouse clickHouse = SharedTestInfra.clickHouse();
    clickHouse.query("SELECT 1");
    // The parent reads these lines; this is a child process protocol, not test logging.
    System.out.println("clickhouse.pid=" + clickHouse.pid());
    System.out.println("clickhouse.dir=" + clickHouse.dataDir());
    System.out.println("kafka.port=" + kafka.brokerPort());
    System.out.flush();
  }
}
