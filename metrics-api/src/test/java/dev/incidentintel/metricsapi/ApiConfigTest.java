package dev.incidentintel.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    @Test
    void defaultsMatchTheDocumentedEndpoints() {
        ApiConfig c = ApiConfig.defaults();

        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8090);
        assertThat(c.clickhouseUrl())
                .isEqualTo("jdbc:clickhouse://127.0.0.1:8123/incident_intel?compress=false");
        assertThat(c.database()).isEqualTo("incident_intel");
    }

    @Test
    void rejectsBadPortsHostsAndUrls() {
        String url = ApiConfig.DEFAULT_CLICKHOUSE_URL;
        assertThatThrownBy(() -> new ApiConfig("0.0.0.0", 65536, url, "incident_intel"))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new ApiConfig("0.0.0.0", -1, url, "incident_intel"))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new ApiConfig(" ", 8090, url, "incident_intel"))
                .hasMessageContaining("host");
        assertThatThrownBy(() -> new ApiConfig("0.0.0.0", 8090, "http://x", "incident_intel"))
                .hasMessageContaining("jdbc:clickhouse://");
        assertThatThrownBy(() -> new ApiConfig("0.0.0.0", 8090, url, "bad-name"))
                .hasMessageContaining("database");
    }

    @Test
    void databaseMustMatchTheUrl() {
        assertThatThrownBy(
                        () ->
                                new ApiConfig(
                                        "0.0.0.0", 8090, ApiConfig.DEFAULT_CLICKHOUSE_URL, "other"))
                .hasMessageContaining("incident_intel")
                .hasMessageContaining("other");
    }

    @Test
    void readsPropertiesWithDefaults() {
        Properties p = new Properties();
        p.setProperty("api.port", "9000");
        p.setProperty("clickhouse.url", "jdbc:clickhouse://ch:8123/analytics?compress=false");

        ApiConfig c = ApiConfig.fromProperties(p);

        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.database()).isEqualTo("analytics");
        p.setProperty("api.port", "ninety");
        assertThatThrownBy(() -> ApiConfig.fromProperties(p)).hasMessageContaining("api.port");
    }
}
