package dev.incidentintel.app.cli;

import dev.incidentintel.events.Topics;
import dev.incidentintel.localstack.LocalKafka;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a single-node KRaft Kafka broker on loopback with the project's topics. */
@Command(
        name = "local-kafka",
        mixinStandardHelpOptions = true,
        description =
                "Run a local single-node Kafka (KRaft) on 127.0.0.1 with the project's topics until Ctrl-C.")
public final class LocalKafkaCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Broker port (env PORT). Default: ${DEFAULT-VALUE}.")
    int port = 9092;

    @Option(
            names = "--partitions",
            description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
    int partitions = 2;

    @Override
    public Integer call() throws Exception {
        LocalKafka kafka =
                LocalKafka.start(new LocalKafka.Options(Home.path().resolve("kafka"), port, 0));
        Shutdown.closeOnExit(kafka);
        kafka.createTopics(Topics.ALL, partitions);
        System.out.printf(
                "Kafka ready: KAFKA_BOOTSTRAP_SERVERS=%s (data %s); topics %s; Ctrl-C to stop%n",
                kafka.bootstrapServers(), kafka.dataDir(), String.join(", ", Topics.ALL));
        Shutdown.closeOnExitAndWait(() -> {});
        return 0;
    }
}
