package dev.incidentintel.app.cli;

import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.http.IngestServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs the ingest HTTP server against a configured Kafka; {@code ingest.*} keys of the config file
 * and {@code INGEST_AUTH_<INTEGRATION>_TOKENS} configure integrations (see {@link IngestSettings}).
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Run the ingest HTTP server (webhooks -> Kafka) until Ctrl-C.")
public final class IngestCommand implements Callable<Integer> {
    @Mixin EndpointOptions endpoints = new EndpointOptions();
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (endpoints.kafkaBootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "no Kafka configured: set --kafka-bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS (or start one with `incident-intel local-kafka`)");
        }
        ConfigDefaults defaults = (ConfigDefaults) spec.commandLine().getDefaultValueProvider();
        IngestConfig config =
                defaults == null
                        ? IngestConfig.defaults(endpoints.kafkaBootstrapServers)
                                .withListen(endpoints.bindHost, endpoints.ingestPort)
                        : IngestSettings.from(
                                endpoints, defaults.fileProperties(), defaults.environment());
        IngestServer.Running server = IngestServer.start(config);
        System.out.printf(
                "ingest listening on http://%s:%d (Kafka %s); Ctrl-C to stop%n",
                endpoints.bindHost, server.port(), endpoints.kafkaBootstrapServers);
        Shutdown.closeOnExitAndWait(server);
        return 0;
    }
}
