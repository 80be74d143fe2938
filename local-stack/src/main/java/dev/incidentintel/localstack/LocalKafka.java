package dev.incidentintel.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoter;
import org.apache.kafka.raft.DynamicVoters;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller, node id 1) running inside this
 * JVM on 127.0.0.1, for the {@code demo} and {@code local-kafka} commands and for integration
 * tests.
 *
 * <p>Storage lives under {@code dataDir}: the first start formats it, later starts on the same
 * directory keep topics and records. The ports chosen on the first start are remembered in {@code
 * dataDir/local-kafka.properties} and reused, because the controller endpoint is part of the
 * formatted quorum. Auto topic creation is off: call {@link #createTopics} before producing.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String PORTS_FILE = "local-kafka.properties";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);

    /** Attempts when ports were picked automatically and another process grabbed one first. */
    private static final int START_ATTEMPTS = 3;

    /**
     * Where and how to run the broker.
     *
     * @param dataDir directory for logs, metadata and the remembered ports; created if missing
     * @param brokerPort client port, or 0 for a free one (reused from an earlier start if possible)
     * @param controllerPort KRaft controller port, or 0 for a free one (same reuse rule)
     */
    public record Options(Path dataDir, int brokerPort, int controllerPort) {
        public Options {
            Objects.requireNonNull(dataDir, "dataDir must not be null");
            FreePorts.checkPort("brokerPort", brokerPort);
            FreePorts.checkPort("controllerPort", controllerPort);
            if (brokerPort != 0 && brokerPort == controllerPort) {
                throw new IllegalArgumentException(
                        "brokerPort and controllerPort must differ but both were " + brokerPort);
            }
        }

        /** Free ports, data in {@code dataDir}. */
        public static Options of(Path dataDir) {
            return new Options(dataDir, 0, 0);
        }
    }

    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaRaftServer server;
    private boolean closed;

    private LocalKafka(Path dataDir, int brokerPort, int controllerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.server = server;
    }

    /** Starts a broker with free ports and its data in {@code dataDir}. */
    public static LocalKafka start(Path dataDir) {
        return start(Options.of(dataDir));
    }

    /**
     * Formats {@code dataDir} if needed, starts the broker and returns once an admin client can
     * describe the cluster (at most 60 s).
     *
     * @throws LocalStackException if the broker does not start or does not become ready in time
     */
    public static LocalKafka start(Options options) {
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        Path logDir = dataDir.resolve("logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new LocalStackException("cannot create Kafka data directory " + logDir, e);
        }
        boolean formatted =
                Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
        Properties remembered = readRememberedPorts(dataDir);
        long started = System.nanoTime();
        LocalStackException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = choosePorts(options, remembered);
            boolean autoPorts = options.brokerPort() == 0 || options.controllerPort() == 0;
            Properties props = serverProperties(logDir, ports[0], ports[1]);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            if (!formatted) {
                format(config, logDir, ports[1]);
                formatted = true;
            }
            rememberPorts(dataDir, ports[0], ports[1]);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                LocalKafka kafka = new LocalKafka(dataDir, ports[0], ports[1], server);
                kafka.awaitReady(started);
                return kafka;
            } catch (RuntimeException e) {
                shutdownQuietly(server);
                last =
                        e instanceof LocalStackException lse
                                ? lse
                                : new LocalStackException(
                                        "Kafka broker failed to start on 127.0.0.1:"
                                                + ports[0]
                                                + " (controller "
                                                + ports[1]
                                                + ", data "
                                                + dataDir
                                                + "): "
                                                + e.getMessage(),
                                        e);
                // Only a lost race for an automatically picked port is worth another try.
                if (!autoPorts || !isBindFailure(e)) {
                    throw last;
                }
                LOG.warn(
                        "Kafka could not bind its ports (attempt {}), retrying with new ones",
                        attempt);
                remembered = new Properties();
            }
        }
        throw last;
    }

    /**
     * Settings of a producer that neither loses nor duplicates nor reorders what it sends to a
     * broker like this one (tests, evaluation, load harnesses): acks=all, idempotent, one request
     * in flight (on a just-created topic more in flight can hit OUT_OF_ORDER_SEQUENCE_NUMBER until
     * the delivery timeout, STACK.md), linger 5 ms. Callers add serializers or pass them to the
     * producer.
     */
    public static Properties safeProducerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("max.in.flight.requests.per.connection", "1");
        props.put("linger.ms", "5");
        return props;
    }

    /** {@code 127.0.0.1:<brokerPort>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The client (PLAINTEXT) port. */
    public int brokerPort() {
        return brokerPort;
    }

    /** The KRaft controller port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The data directory this broker was started on. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topics (replication factor 1) unless they exist, then waits until every partition
     * of every named topic has a leader. Existing topics keep their partition count.
     *
     * <p>Waiting for leaders matters: an idempotent producer that writes to a topic whose
     * partitions are still electing can see NOT_LEADER_OR_FOLLOWER followed by
     * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout.
     */
    public void createTopics(Collection<String> names, int partitions) {
        ensureOpen();
        createTopics(bootstrapServers(), names, partitions);
    }

    /**
     * {@link #createTopics(Collection, int)} on any broker, for example one started by {@code
     * incident-intel local-kafka} in another process.
     */
    public static void createTopics(
            String bootstrapServers, Collection<String> names, int partitions) {
        Objects.requireNonNull(names, "names must not be null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 but was " + partitions);
        }
        Set<String> topics = new TreeSet<>(names);
        if (topics.isEmpty()) {
            return;
        }
        for (String topic : topics) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("names must not contain a blank topic name");
            }
        }
        try (Admin admin = admin(bootstrapServers)) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String topic : topics) {
                newTopics.add(new NewTopic(topic, partitions, (short) 1));
            }
            Map<String, org.apache.kafka.common.KafkaFuture<Void>> results =
                    admin.createTopics(newTopics).values();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result :
                    results.entrySet()) {
                try {
                    result.getValue().get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new LocalStackException(
                                "cannot create topic "
                                        + result.getKey()
                                        + ": "
                                        + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
            awaitLeaders(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating topics " + topics, e);
        } catch (TimeoutException e) {
            throw new LocalStackException("timed out creating topics " + topics, e);
        }
    }

    /** Stops the broker and waits until it has shut down. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka on {} stopped in {} ms", bootstrapServers(), millisSince(t0));
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("LocalKafka on " + bootstrapServers() + " is closed");
        }
    }

    private static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-admin");
        props.put(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) ADMIN_CALL_TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(props);
    }

    private void awaitReady(long startedNanos) {
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        Throwable lastError = null;
        try (Admin admin = admin(bootstrapServers())) {
            while (System.nanoTime() < deadline) {
                try {
                    Collection<Node> nodes =
                            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        LOG.info(
                                "Kafka ready on {} after {} ms (data {})",
                                bootstrapServers(),
                                millisSince(startedNanos),
                                dataDir);
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastError = e;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException(
                    "interrupted while waiting for Kafka on " + bootstrapServers(), e);
        }
        throw new LocalStackException(
                "Kafka on "
                        + bootstrapServers()
                        + " did not answer describeCluster within "
                        + READY_TIMEOUT.toSeconds()
                        + " s (data "
                        + dataDir
                        + ")"
                        + (lastError == null ? "" : ": " + lastError.getMessage()),
                lastError);
    }

    private static void awaitLeaders(Admin admin, Set<String> topics)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        String waitingFor = "";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                waitingFor = partitionsWithoutLeader(descriptions);
                if (waitingFor.isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                // Metadata of a just-created topic can lag on the broker: retry until the deadline.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new LocalStackException(
                            "cannot describe topics " + topics + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
                waitingFor = "unknown topic: " + e.getCause().getMessage();
            }
            Thread.sleep(20);
        }
        throw new LocalStackException(
                "partitions without a leader after "
                        + LEADER_TIMEOUT.toSeconds()
                        + " s: "
                        + waitingFor);
    }

    private static String partitionsWithoutLeader(Map<String, TopicDescription> descriptions) {
        StringBuilder missing = new StringBuilder();
        for (TopicDescription description : descriptions.values()) {
            for (TopicPartitionInfo partition : description.partitions()) {
                Node leader = partition.leader();
                if (leader == null || leader.isEmpty()) {
                    missing.append(missing.length() == 0 ? "" : ", ");
                    missing.append(description.name()).append('-').append(partition.partition());
                }
            }
        }
        return missing.toString();
    }

    static Properties serverProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put(
                "listeners",
                BROKER_LISTENER
                        + "://127.0.0.1:"
                        + brokerPort
                        + ","
                        + CONTROLLER_LISTENER
                        + "://127.0.0.1:"
                        + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic must be satisfiable with a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: the first consumer group / transaction creates them all at
        // once.
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.num.partitions", "4");
        // Consumers in tests and the demo should get partitions at once, not after 3 s.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly (and leaders awaited) so producers never race topic
        // creation.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "2");
        props.put("default.replication.factor", "1");
        // A developer machine: a few threads and a small cleaner buffer instead of 128 MiB of heap.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        return props;
    }

    /**
     * Writes meta.properties and the bootstrap checkpoint, like {@code kafka-storage format
     * --standalone}.
     */
    private static void format(KafkaConfig config, Path logDir, int controllerPort) {
        long t0 = System.nanoTime();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // --standalone: this controller alone is the initial voter set of a dynamic quorum.
            DynamicVoters voters =
                    new DynamicVoters(
                            List.of(
                                    new DynamicVoter(
                                            Uuid.randomUuid(),
                                            NODE_ID,
                                            "127.0.0.1",
                                            controllerPort)));
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(false)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setHasDynamicQuorum(true)
                    .setInitialControllers(voters)
                    .setDirectories(List.of(logDir.toString()))
                    .run();
        } catch (Exception e) {
            throw new LocalStackException(
                    "cannot format Kafka storage in "
                            + logDir
                            + ": "
                            + e.getMessage()
                            + " "
                            + output,
                    e);
        }
        LOG.debug(
                "formatted {} in {} ms: {}",
                logDir,
                millisSince(t0),
                output.toString(StandardCharsets.UTF_8).trim());
    }

    private static int[] choosePorts(Options options, Properties remembered) {
        int broker =
                options.brokerPort() != 0
                        ? options.brokerPort()
                        : reusablePort(remembered, "broker.port", options.controllerPort());
        int controller =
                options.controllerPort() != 0
                        ? options.controllerPort()
                        : reusablePort(remembered, "controller.port", broker);
        // Explicit ports differ (checked by Options) and reused ones avoid the other: only fresh
        // picks
        // can collide, so a collision is simply picked again.
        while (broker == 0 || controller == 0) {
            int fresh = FreePorts.pickOne();
            if (broker == 0 && fresh != controller) {
                broker = fresh;
            } else if (controller == 0 && fresh != broker) {
                controller = fresh;
            }
        }
        return new int[] {broker, controller};
    }

    /** The remembered port if it is still free and not taken by the other listener, else 0. */
    private static int reusablePort(Properties remembered, String key, int otherPort) {
        String value = remembered.getProperty(key);
        if (value == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.trim());
            return port > 0 && port <= 65535 && port != otherPort && FreePorts.isFree(port)
                    ? port
                    : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Properties readRememberedPorts(Path dataDir) {
        Properties props = new Properties();
        Path file = dataDir.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException e) {
                LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
            }
        }
        return props;
    }

    private static void rememberPorts(Path dataDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("broker.port", String.valueOf(brokerPort));
        props.setProperty("controller.port", String.valueOf(controllerPort));
        try (OutputStream out = Files.newOutputStream(dataDir.resolve(PORTS_FILE))) {
            props.store(out, "ports of the local Kafka broker on this data directory");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(PORTS_FILE), e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.net.BindException
                    || message.contains("Address already in use")
                    || message.contains("Socket server failed to bind")) {
                return true;
            }
        }
        return false;
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("error while stopping a Kafka broker that failed to start", e);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
