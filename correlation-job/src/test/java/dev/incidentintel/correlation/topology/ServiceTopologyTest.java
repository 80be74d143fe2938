package dev.incidentintel.correlation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTopologyTest {
    private static final Path SAMPLE = Path.of("topology.sample.yaml");

    private static ServiceTopology.Service service(String name, String... deps) {
        return new ServiceTopology.Service(name, "team-" + name, List.of(deps));
    }

    /** a <- b <- c (c depends on b, b on a), d alone, e depends on an unlisted f. */
    private static final ServiceTopology TOPOLOGY =
            new ServiceTopology(
                    3,
                    List.of(
                            service("a"),
                            service("b", "a"),
                            service("c", "b"),
                            service("d"),
                            service("e", "f")));

    @Test
    void servicesLinkedByDependenciesShareAComponentNamedByItsSmallestMember() {
        assertThat(TOPOLOGY.componentOf("c")).contains("a");
        assertThat(TOPOLOGY.componentOf("a")).contains("a");
        assertThat(TOPOLOGY.componentOf("d")).contains("d");
        assertThat(TOPOLOGY.componentOf("f")).as("named only as a dependency").contains("e");
        assertThat(TOPOLOGY.componentOf("unknown")).isEmpty();
    }

    @Test
    void distanceCountsHopsInEitherDirection() {
        assertThat(TOPOLOGY.distance("a", "c")).isEqualTo(OptionalInt.of(2));
        assertThat(TOPOLOGY.distance("c", "a")).isEqualTo(OptionalInt.of(2));
        assertThat(TOPOLOGY.distance("b", "b")).isEqualTo(OptionalInt.of(0));
        assertThat(TOPOLOGY.distance("a", "d")).as("not connected").isEmpty();
        assertThat(TOPOLOGY.distance("a", "unknown")).isEmpty();
        assertThat(TOPOLOGY.distance("unknown", "unknown"))
                .as("same service")
                .isEqualTo(OptionalInt.of(0));
    }

    @Test
    void knowsListedServicesAndTheirDependenciesAndTheirTeams() {
        assertThat(TOPOLOGY.knows("f")).isTrue();
        assertThat(TOPOLOGY.knows("g")).isFalse();
        assertThat(TOPOLOGY.size()).isEqualTo(6);
        assertThat(TOPOLOGY.teamOf("c")).contains("team-c");
        assertThat(TOPOLOGY.teamOf("f")).isEmpty();
    }

    @Test
    void rejectsAServiceListedTwiceOrWithoutName() {
        assertThatThrownBy(() -> new ServiceTopology(1, List.of(service("a"), service("a"))))
                .hasMessageContaining("a is listed twice");
        assertThatThrownBy(() -> new ServiceTopology.Service(" ", "", List.of()))
                .hasMessageContaining("name");
    }

    @Test
    void jsonDocumentRoundTripsAndStillAnswersAfterDeserialisation() {
        ServiceTopology back = TopologyDocuments.fromJson(TopologyDocuments.toJson(TOPOLOGY));
        assertThat(back).isEqualTo(TOPOLOGY);
        assertThat(back.distance("a", "c")).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void readsTheSampleYamlFile() {
        ServiceTopology sample = TopologyDocuments.readYaml(SAMPLE);
        assertThat(sample.version()).isEqualTo(1);
        assertThat(sample.componentOf("frontend")).isEqualTo(sample.componentOf("notifications"));
        assertThat(sample.distance("frontend", "payments-db")).isEqualTo(OptionalInt.of(2));
        assertThat(sample.teamOf("checkout")).contains("payments");
    }

    @Test
    void aBadFileIsReportedWithItsPath(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "services:\n  - team: x\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TopologyDocuments.readYaml(bad))
                .isInstanceOf(TopologyDocuments.InvalidTopologyException.class)
                .hasMessageContaining(bad.toString());
    }

    @Test
    void yamlWrittenByToYamlReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, TopologyDocuments.toYaml(TOPOLOGY), StandardCharsets.UTF_8);
        assertThat(TopologyDocuments.readYaml(file)).isEqualTo(TOPOLOGY);
    }
}
