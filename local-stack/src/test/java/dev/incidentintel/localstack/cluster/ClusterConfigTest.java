package dev.incidentintel.localstack.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {
    @TempDir Path state;

    private ClusterLayout layout() {
        return new ClusterLayout(
                state,
                40001,
                40002,
                List.of(40011, 40012, 40013),
                List.of(40021, 40022, 40023),
                "abc");
    }

    @Test
    void layoutSurvivesSaveAndLoadAndPicksDistinctFreePorts() throws Exception {
        ClusterLayout fresh = ClusterLayout.loadOrCreate(state, 0);
        Set<Integer> ports = new HashSet<>(fresh.kafkaBrokerPorts());
        ports.addAll(fresh.kafkaControllerPorts());
        ports.add(fresh.flinkRpcPort());
        ports.add(fresh.flinkRestPort());
        assertThat(ports)
                .hasSize(8)
                .allMatch(p -> p >= 20000 && p < 32768, "below the ephemeral port range");
        fresh.save();
        assertThat(ClusterLayout.loadOrCreate(state, 0)).isEqualTo(fresh);
    }

    @Test
    void requestedRestPortIsUsed() throws Exception {
        assertThat(ClusterLayout.loadOrCreate(state, 8081).flinkRestPort()).isEqualTo(8081);
    }

    @Test
    void layoutRejectsSharedPorts() {
        assertThatThrownBy(
                        () ->
                                new ClusterLayout(
                                        state,
                                        40001,
                                        40001,
                                        List.of(1, 2, 3),
                                        List.of(4, 5, 6),
                                        "x"))
                .hasMessageContaining("distinct");
    }

    @Test
    void flinkConfigurationPointsAtTheLayoutAndKeepsStateOnDisk() {
        Map<String, String> c = FlinkClusterConfig.configuration(layout());
        assertThat(c)
                .containsEntry("rest.port", "40002")
                .containsEntry("jobmanager.rpc.port", "40001")
                .containsEntry("restart-strategy.type", "fixed-delay");
        assertThat(c.get("execution.checkpointing.dir"))
                .startsWith("file:")
                .contains(state.toString())
                .endsWith("checkpoints");
        assertThat(FlinkClusterConfig.configYaml(layout()))
                .contains("\nrest.port: 40002\n")
                .contains("restart-strategy.fixed-delay.delay: '2 s'\n");
    }

    @Test
    void taskManagerHeapAndDirectMemoryMatchTheConfiguredComponents() {
        Map<String, String> c = FlinkClusterConfig.configuration(layout());
        long heap =
                mb(c.get("taskmanager.memory.framework.heap.size"))
                        + mb(c.get("taskmanager.memory.task.heap.size"));
        long direct =
                mb(c.get("taskmanager.memory.framework.off-heap.size"))
                        + mb(c.get("taskmanager.memory.task.off-heap.size"))
                        + mb(c.get("taskmanager.memory.network.max"));
        assertThat(FlinkClusterConfig.taskManagerJvmOptions())
                .contains("-Xmx" + heap + "m", "-XX:MaxDirectMemorySize=" + direct + "m");
        assertThat(c.get("taskmanager.memory.network.min"))
                .isEqualTo(c.get("taskmanager.memory.network.max"));
        // Every option TaskManagerRunner insists on when started without the scripts.
        assertThat(c)
                .containsKeys(
                        "taskmanager.cpu.cores",
                        "taskmanager.memory.managed.size",
                        "taskmanager.memory.jvm-metaspace.size",
                        "taskmanager.memory.jvm-overhead.min");
        assertThat(FlinkClusterConfig.taskManagerArgs(state, 2))
                .containsSequence("-D", "taskmanager.resource-id=tm-2");
    }

    @Test
    void kafkaNodesFormOneQuorumWithReplicatedInternalTopics() {
        Set<String> listeners = new HashSet<>();
        for (int node = 1; node <= 3; node++) {
            Properties p = KafkaClusterConfig.node(layout(), node, state.resolve("k" + node));
            assertThat(p.getProperty("node.id")).isEqualTo(Integer.toString(node));
            assertThat(p.getProperty("controller.quorum.voters"))
                    .isEqualTo("1@127.0.0.1:40021,2@127.0.0.1:40022,3@127.0.0.1:40023");
            assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("3");
            assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("2");
            assertThat(p.getProperty("unclean.leader.election.enable")).isEqualTo("false");
            listeners.add(p.getProperty("listeners"));
        }
        assertThat(listeners)
                .containsExactlyInAnyOrder(
                        "PLAINTEXT://127.0.0.1:40011,CONTROLLER://127.0.0.1:40021",
                        "PLAINTEXT://127.0.0.1:40012,CONTROLLER://127.0.0.1:40022",
                        "PLAINTEXT://127.0.0.1:40013,CONTROLLER://127.0.0.1:40023");
        assertThat(layout().kafkaBootstrapServers())
                .isEqualTo("127.0.0.1:40011,127.0.0.1:40012,127.0.0.1:40013");
        assertThat(Integer.parseInt(KafkaClusterConfig.topicDefaults().get("min.insync.replicas")))
                .isLessThan(KafkaClusterConfig.REPLICATION_FACTOR);
        assertThatThrownBy(() -> KafkaClusterConfig.node(layout(), 4, state))
                .hasMessageContaining("nodeId");
    }

    @Test
    void clusterIdIsKafkaShaped() {
        assertThat(ClusterLayout.newKafkaClusterId()).matches("[A-Za-z0-9_-]{22}");
    }

    private static long mb(String size) {
        return Long.parseLong(size.replace("m", ""));
    }
}
