package dev.incidentintel.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.ingest.normalize.LabelMapping;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        IngestConfig config = IngestConfig.defaults("k:9092");
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.alertsTopic()).isEqualTo("alerts.v1");
        assertThat(config.maxBodyBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.labelMapping().serviceLabels())
                .startsWith("service", "app")
                .endsWith("host", "instance");
    }

    @Test
    void readsPropertiesAndKeepsDefaultsForTheRest() {
        Properties props = new Properties();
        props.setProperty("ingest.kafka.bootstrap-servers", "a:1,b:2");
        props.setProperty("ingest.port", "9000");
        props.setProperty("ingest.ack-timeout", "PT2.5S");
        props.setProperty("ingest.labels.service", " svc , app ,");
        IngestConfig config = IngestConfig.fromProperties(props);
        assertThat(config.bootstrapServers()).isEqualTo("a:1,b:2");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.ackTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.labelMapping().serviceLabels()).containsExactly("svc", "app");
        assertThat(config.labelMapping().environmentLabels())
                .isEqualTo(LabelMapping.DEFAULT_ENVIRONMENT_LABELS);
    }

    @Test
    void invalidSettingsNameTheSetting() {
        IngestConfig ok = IngestConfig.defaults("k:9092");
        assertThatThrownBy(() -> ok.withListen("h", 70000)).hasMessageContaining("port");
        assertThatThrownBy(() -> ok.withMaxBodyBytes(0)).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> ok.withAckTimeout(Duration.ZERO))
                .hasMessageContaining("ackTimeout");
        assertThatThrownBy(() -> ok.withAlertsTopic(" ")).hasMessageContaining("alertsTopic");
        assertThatThrownBy(() -> IngestConfig.defaults(""))
                .hasMessageContaining("bootstrapServers");
        Properties props = new Properties();
        props.setProperty("ingest.kafka.bootstrap-servers", "k:1");
        props.setProperty("ingest.ack-timeout", "10s");
        assertThatThrownBy(() -> IngestConfig.fromProperties(props))
                .hasMessageContaining("ingest.ack-timeout");
        assertThatThrownBy(
                        () -> new LabelMapping(List.of("ok", " "), List.of(), List.of(), List.of()))
                .hasMessageContaining("serviceLabels");
    }
}
