package dev.incidentintel.localstack.cluster;

import dev.incidentintel.localstack.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

/**
 * Where the processes of a local cluster live: the state directory and the loopback ports of the
 * Flink JobManager (RPC, REST) and of each Kafka node (broker and controller listener), plus the
 * Kafka cluster id. Chosen once on the first {@code up} and kept in {@code cluster.properties},
 * because the controller endpoints and the cluster id are written into the formatted Kafka storage.
 *
 * @param stateDir directory holding configs, pid files, logs and data
 * @param flinkRpcPort JobManager RPC port
 * @param flinkRestPort JobManager REST port (web UI and job submission)
 * @param kafkaBrokerPorts client port of each Kafka node, node id = index + 1
 * @param kafkaControllerPorts KRaft controller port of each Kafka node
 * @param kafkaClusterId the id the Kafka storage is formatted with
 */
public record ClusterLayout(
        Path stateDir,
        int flinkRpcPort,
        int flinkRestPort,
        List<Integer> kafkaBrokerPorts,
        List<Integer> kafkaControllerPorts,
        String kafkaClusterId) {

    /**
     * Kafka nodes of a local cluster: three, so replication factor 3 with min.insync.replicas 2
     * survives one loss.
     */
    public static final int KAFKA_NODES = 3;

    /** Flink TaskManagers of a local cluster. */
    public static final int TASK_MANAGERS = 2;

    static final String FILE = "cluster.properties";

    public ClusterLayout {
        Objects.requireNonNull(stateDir, "stateDir must not be null");
        kafkaBrokerPorts = List.copyOf(kafkaBrokerPorts);
        kafkaControllerPorts = List.copyOf(kafkaControllerPorts);
        if (kafkaBrokerPorts.size() != KAFKA_NODES || kafkaControllerPorts.size() != KAFKA_NODES) {
            throw new IllegalArgumentException(
                    "expected "
                            + KAFKA_NODES
                            + " broker and controller ports but got "
                            + kafkaBrokerPorts
                            + " and "
                            + kafkaControllerPorts);
        }
        List<Integer> all = new ArrayList<>(List.of(flinkRpcPort, flinkRestPort));
        all.addAll(kafkaBrokerPorts);
        all.addAll(kafkaControllerPorts);
        if (all.stream().distinct().count() != all.size()
                || all.stream().anyMatch(p -> p < 1 || p > 65535)) {
            throw new IllegalArgumentException(
                    "ports must be distinct and in 1..65535 but were " + all);
        }
        if (kafkaClusterId == null || kafkaClusterId.isBlank()) {
            throw new IllegalArgumentException("kafkaClusterId must not be blank");
        }
    }

    /** The layout remembered in {@code stateDir}, else a new one on free ports (not yet saved). */
    public static ClusterLayout loadOrCreate(Path stateDir, int flinkRestPort) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            return new ClusterLayout(
                    stateDir,
                    Integer.parseInt(p.getProperty("flink.rpc.port")),
                    Integer.parseInt(p.getProperty("flink.rest.port")),
                    ports(p.getProperty("kafka.broker.ports")),
                    ports(p.getProperty("kafka.controller.ports")),
                    p.getProperty("kafka.cluster.id"));
        }
        int[] free = pickStablePorts(2 + 2 * KAFKA_NODES, flinkRestPort);
        int rest = flinkRestPort > 0 ? flinkRestPort : free[1];
        return new ClusterLayout(
                stateDir,
                free[0],
                rest,
                List.of(free[2], free[3], free[4]),
                List.of(free[5], free[6], free[7]),
                newKafkaClusterId());
    }

    /**
     * {@code count} distinct free ports below Linux's ephemeral range (32768+): the processes start
     * one after another, and a port from the ephemeral range can meanwhile be taken as the local
     * end of some outgoing connection (seen: a Kafka node failing with "Address already in use").
     */
    static int[] pickStablePorts(int count, int avoid) {
        java.util.Random random = new java.util.Random();
        java.util.Set<Integer> picked = new java.util.LinkedHashSet<>();
        while (picked.size() < count) {
            int port = 20000 + random.nextInt(12000);
            if (port != avoid && FreePorts.isFree(port)) {
                picked.add(port);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes this layout to {@code stateDir/cluster.properties}. */
    public void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("flink.rpc.port", Integer.toString(flinkRpcPort));
        p.setProperty("flink.rest.port", Integer.toString(flinkRestPort));
        p.setProperty("kafka.broker.ports", join(kafkaBrokerPorts));
        p.setProperty("kafka.controller.ports", join(kafkaControllerPorts));
        p.setProperty("kafka.cluster.id", kafkaClusterId);
        Files.createDirectories(stateDir);
        try (OutputStream out = Files.newOutputStream(stateDir.resolve(FILE))) {
            p.store(out, "ports and ids of the local cluster in this directory");
        }
    }

    /** {@code http://127.0.0.1:<rest port>}. */
    public String flinkRestUrl() {
        return "http://127.0.0.1:" + flinkRestPort;
    }

    /** Every broker, for {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return String.join(",", kafkaBrokerPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    /** The static KRaft voter set, {@code 1@127.0.0.1:<port>,2@...}. */
    public String kafkaQuorumVoters() {
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < KAFKA_NODES; i++) {
            voters.add((i + 1) + "@127.0.0.1:" + kafkaControllerPorts.get(i));
        }
        return String.join(",", voters);
    }

    /** A random Kafka cluster id in Kafka's format (base64url of 16 bytes, no padding). */
    static String newKafkaClusterId() {
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private static List<Integer> ports(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            out.add(Integer.parseInt(s.trim()));
        }
        return out;
    }

    private static String join(List<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }
}
