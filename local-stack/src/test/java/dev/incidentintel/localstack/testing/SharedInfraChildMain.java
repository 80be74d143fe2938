package dev.incidentintel.localstack.testing;

import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.LocalKafka;
import java.util.List;

/**
 * Started in a child JVM by {@link SharedTestInfraIT}: uses both shared services, reports the
 * ClickHouse pid and data directory on stdout, then either calls {@code System.exit(0)} (argument
 * {@code exit}, what surefire does at the end of a test JVM) or waits to be killed with SIGTERM
 * (argument {@code wait}, like Ctrl-C on the demo). Either way only the shutdown hook can stop
 * them.
 */
public final class SharedInfraChildMain {

    private SharedInfraChildMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalKafka kafka = SharedTestInfra.kafka();
        kafka.createTopics(List.of(SharedTestInfra.uniqueName("child")), 1);
        LocalClickHouse clickHouse = SharedTestInfra.clickHouse();
        clickHouse.query("SELECT 1");
        // The parent reads these lines; this is a child process protocol, not test logging.
        System.out.println("clickhouse.pid=" + clickHouse.pid());
        System.out.println("clickhouse.dir=" + clickHouse.dataDir());
        System.out.println("kafka.port=" + kafka.brokerPort());
        System.out.println("ready");
        System.out.flush();
        if (args.length > 0 && args[0].equals("wait")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        // Kafka's non-daemon threads would keep the JVM alive after main returns.
        System.exit(0);
    }
}
