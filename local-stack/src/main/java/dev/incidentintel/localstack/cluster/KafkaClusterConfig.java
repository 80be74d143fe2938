package dev.incidentintel.localstack.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code server.properties} of each node of a local three-node KRaft Kafka cluster: every node
 * is broker and controller (combined mode) with a static voter set of the three controllers, and
 * the topic settings of the project's topics (replication factor 3, {@code min.insync.replicas} 2:
 * a producer with {@code acks=all} is still answered when one node is down, and nothing
 * acknowledged is lost when one more disk fails).
 */
public final class KafkaClusterConfig {
    /** Replication factor of the project's and the internal topics. */
    public static final short REPLICATION_FACTOR = 3;

    /** Replicas that must have a write before an {@code acks=all} producer is answered. */
    public static final int MIN_INSYNC_REPLICAS = 2;

    private KafkaClusterConfig() {}

    /** Settings of node {@code nodeId} (1..3) with its data in {@code logDir}. */
    public static Properties node(ClusterLayout layout, int nodeId, Path logDir) {
        if (nodeId < 1 || nodeId > ClusterLayout.KAFKA_NODES) {
            throw new IllegalArgumentException(
                    "nodeId must be in 1.." + ClusterLayout.KAFKA_NODES + " but was " + nodeId);
        }
        int broker = layout.kafkaBrokerPorts().get(nodeId - 1);
        int controller = layout.kafkaControllerPorts().get(nodeId - 1);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", layout.kafkaQuorumVoters());
        p.setProperty(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + broker + ",CONTROLLER://127.0.0.1:" + controller);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + broker);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.putAll(topicDefaults());
        // Internal topics (consumer offsets, transactions) replicated like the project's topics.
        p.setProperty("offsets.topic.replication.factor", Short.toString(REPLICATION_FACTOR));
        p.setProperty(
                "transaction.state.log.replication.factor", Short.toString(REPLICATION_FACTOR));
        p.setProperty("transaction.state.log.min.isr", Integer.toString(MIN_INSYNC_REPLICAS));
        p.setProperty(
                "share.coordinator.state.topic.replication.factor",
                Short.toString(REPLICATION_FACTOR));
        p.setProperty(
                "share.coordinator.state.topic.min.isr", Integer.toString(MIN_INSYNC_REPLICAS));
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("default.replication.factor", Short.toString(REPLICATION_FACTOR));
        // An unclean leader could drop acknowledged records: never elect one.
        p.setProperty("unclean.leader.election.enable", "false");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // A developer machine with 2 cores: few threads, a small cleaner buffer.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("num.replica.fetchers", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return p;
    }

    /** Settings every project topic is created with. */
    public static Map<String, String> topicDefaults() {
        return Map.of("min.insync.replicas", Integer.toString(MIN_INSYNC_REPLICAS));
    }
}
