package dev.incidentintel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.ingest.IngestConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    @Test
    void fileKeysAndTokenVariablesReachTheIngestConfigAndResolvedEndpointsWin() {
        EndpointOptions endpoints = new EndpointOptions();
        endpoints.kafkaBootstrapServers = "broker:9092";
        endpoints.ingestPort = 18080;
        Properties file = new Properties();
        file.setProperty("ingest.ack-timeout", "PT3S");
        file.setProperty("ingest.port", "1"); // the resolved --ingest-port wins
        file.setProperty("ingest.auth.alertmanager.tokens", "from-file");
        file.setProperty("unrelated.key", "x");

        IngestConfig config =
                IngestSettings.from(
                        endpoints,
                        file,
                        Map.of("INGEST_AUTH_PAGERDUTY_TOKENS", "rk1,rk2", "PATH", "/usr/bin"));

        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.port()).isEqualTo(18080);
        assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.sources().tokens())
                .containsEntry("alertmanager", java.util.List.of("from-file"))
                .containsEntry("pagerduty", java.util.List.of("rk1", "rk2"))
                .hasSize(2);
    }
}
