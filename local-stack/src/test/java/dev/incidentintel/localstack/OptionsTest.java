package dev.incidentintel.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Path DIR = Path.of("target", "options-test");

    @Test
    void kafkaOptionsNameTheBadField() {
        assertThatThrownBy(() -> new LocalKafka.Options(null, 0, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dataDir");
        assertThatThrownBy(() -> new LocalKafka.Options(DIR, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brokerPort");
        assertThatThrownBy(() -> new LocalKafka.Options(DIR, 0, 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controllerPort");
        assertThatThrownBy(() -> new LocalKafka.Options(DIR, 9092, 9092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        assertThat(LocalKafka.Options.of(DIR)).isEqualTo(new LocalKafka.Options(DIR, 0, 0));
    }

    @Test
    void clickHouseOptionsNameTheBadField() {
        assertThatThrownBy(() -> new LocalClickHouse.Options(DIR, 70000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("httpPort");
        assertThatThrownBy(() -> new LocalClickHouse.Options(DIR, 0, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcpPort");
        assertThatThrownBy(() -> new LocalClickHouse.Options(DIR, 8123, 8123))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void identifiersAreCheckedBeforeTheyReachSql() {
        assertThat(LocalClickHouse.checkIdentifier("name", "_db_1")).isEqualTo("_db_1");
        for (String bad : new String[] {"", "1db", "db-1", "db;drop", "db 1", "`db`"}) {
            assertThatThrownBy(() -> LocalClickHouse.checkIdentifier("name", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name must match");
        }
    }

    @Test
    void freePortsAreDistinctAndBindable() {
        int[] ports = FreePorts.pick(5);
        assertThat(ports).doesNotHaveDuplicates();
        for (int port : ports) {
            assertThat(port).isBetween(1, 65535);
            assertThat(FreePorts.isFree(port)).isTrue();
        }
    }
}
