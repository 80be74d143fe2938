package dev.incidentintel.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;

class SharedTestInfraTest {

    @Test
    void uniqueNamesAreDistinctAndValidForClickHouseAndKafka() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String name = SharedTestInfra.uniqueName("alerts_it");
            assertThat(name).startsWith("alerts_it_").matches("[A-Za-z_][A-Za-z0-9_]*");
            Topic.validate(name); // throws InvalidTopicException if Kafka would reject it
            names.add(name);
        }
        assertThat(names).hasSize(1000);
    }

    @Test
    void rejectsPrefixesThatWouldNotBeIdentifiers() {
        assertThatThrownBy(() -> SharedTestInfra.uniqueName("1abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> SharedTestInfra.uniqueName("with-dash"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SharedTestInfra.uniqueName("x".repeat(300)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
    }
}
