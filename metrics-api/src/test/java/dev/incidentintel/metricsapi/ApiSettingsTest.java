package dev.incidentintel.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.metricsapi.auth.ReadTokens;
import dev.incidentintel.metricsapi.kpi.SloTargets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

    @Test
    void snapshotsEveryFiveMinutesUnlessTheEnvironmentSaysOtherwise() {
        assertThat(ApiSettings.fromEnvironment(Map.of()).snapshotInterval())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(ApiSettings.defaults().snapshotInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(
                        ApiSettings.fromEnvironment(Map.of("API_SNAPSHOT_INTERVAL", "PT30S"))
                                .snapshotInterval())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(
                        ApiSettings.fromEnvironment(Map.of("API_SNAPSHOT_INTERVAL", "PT0S"))
                                .snapshotInterval())
                .isZero();
    }

    @Test
    void aBadSnapshotIntervalIsAClearError() {
        assertThatThrownBy(() -> ApiSettings.fromEnvironment(Map.of("API_SNAPSHOT_INTERVAL", "5m")))
                .hasMessageContaining("API_SNAPSHOT_INTERVAL")
                .hasMessageContaining("PT5M");
        assertThatThrownBy(
                        () ->
                                new ApiSettings(
                                        SloTargets.defaults(),
                                        ReadTokens.off(),
                                        Duration.ofSeconds(-1)))
                .hasMessageContaining("snapshotInterval");
    }
}
