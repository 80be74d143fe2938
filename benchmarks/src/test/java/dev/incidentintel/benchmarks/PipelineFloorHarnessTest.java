package dev.incidentintel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class PipelineFloorHarnessTest {
    @Test
    void defaultsMatchTheLoadHarnessSetUp() {
        PipelineFloorHarness.Options o = PipelineFloorHarness.Options.parse(new String[0]);
        assertThat(o.stage()).isEqualTo("flink-bytes");
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.partitions()).isEqualTo(4);
        assertThat(o.checkpoint()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.delivery()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(o.exchanges()).isEqualTo(1);
    }

    @Test
    void optionsAreRead() {
        PipelineFloorHarness.Options o =
                PipelineFloorHarness.Options.parse(
                        new String[] {
                            "--stage",
                            "flink-parse",
                            "--alerts",
                            "5000",
                            "--checkpoint",
                            "PT1S",
                            "--delivery",
                            "at-least-once",
                            "--exchanges",
                            "3"
                        });
        assertThat(o.stage()).isEqualTo("flink-parse");
        assertThat(o.alerts()).isEqualTo(5000);
        assertThat(o.checkpoint()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.delivery()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(o.exchanges()).isEqualTo(3);
    }

    @Test
    void anUnknownStageDeliveryOrOptionIsNamedInTheError() {
        assertThatThrownBy(
                        () -> PipelineFloorHarness.Options.parse(new String[] {"--stage", "flink"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--stage")
                .hasMessageContaining("flink");
        assertThatThrownBy(
                        () ->
                                PipelineFloorHarness.Options.parse(
                                        new String[] {"--delivery", "none"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--delivery");
        assertThatThrownBy(
                        () -> PipelineFloorHarness.Options.parse(new String[] {"--exchanges", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--exchanges");
        assertThatThrownBy(() -> PipelineFloorHarness.Options.parse(new String[] {"--rate", "5"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rate");
    }
}
