package dev.incidentintel.localstack.cluster;

import dev.incidentintel.localstack.LocalStackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A Flink standalone session cluster (one JobManager, two TaskManagers) and a three-node KRaft
 * Kafka cluster, each node its own JVM on 127.0.0.1, started from a given classpath (the project's
 * runtime classpath: no Flink or Kafka distribution is needed). Everything lives under {@code
 * stateDir}: {@code cluster.properties} (ports), {@code flink-conf/config.yaml}, {@code
 * kafka-N/server.properties} and data, {@code pids/}, {@code logs/}, {@code checkpoints/}, {@code
 * savepoints/}. Used by {@code incident-intel local-cluster} and the cluster failure tests.
 */
public final class LocalCluster {
    public static final String JOB_MANAGER = "jobmanager";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Pattern TASK_MANAGERS = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");

    private final ClusterLayout layout;

    private LocalCluster(ClusterLayout layout) {
        this.layout = layout;
    }

    /**
     * The cluster whose state is in {@code stateDir}; a new layout on free ports (and {@code
     * flinkRestPort} if > 0) if there is none yet. Nothing is started.
     */
    public static LocalCluster in(Path stateDir, int flinkRestPort) {
        try {
            ClusterLayout layout =
                    ClusterLayout.loadOrCreate(
                            stateDir.toAbsolutePath().normalize(), flinkRestPort);
            layout.save();
            return new LocalCluster(layout);
        } catch (IOException | RuntimeException e) {
            throw new LocalStackException(
                    "cannot read or create the cluster layout in "
                            + stateDir
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** Names of all processes, in start order. */
    public static List<String> processNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= ClusterLayout.KAFKA_NODES; i++) {
            names.add(kafkaName(i));
        }
        names.add(JOB_MANAGER);
        for (int i = 1; i <= ClusterLayout.TASK_MANAGERS; i++) {
            names.add(taskManagerName(i));
        }
        return names;
    }

    public static String kafkaName(int nodeId) {
        return "kafka-" + nodeId;
    }

    public static String taskManagerName(int index) {
        return "taskmanager-" + index;
    }

    public ManagedProcess process(String name) {
        return new ManagedProcess(layout.stateDir(), name);
    }

    /**
     * Starts every process that is not running, waits until all three Kafka nodes and both
     * TaskManagers are registered, and creates {@code topics} (replication factor 3,
     * min.insync.replicas 2) with {@code partitions} partitions unless they exist.
     */
    public void up(String classpath, Collection<String> topics, int partitions) {
        Path state = layout.stateDir();
        try {
            Path flinkConf = state.resolve("flink-conf");
            Files.createDirectories(flinkConf);
            Files.writeString(
                    flinkConf.resolve("config.yaml"), FlinkClusterConfig.configYaml(layout));
            Files.writeString(state.resolve("log4j2.properties"), LOG4J2);
            for (int node = 1; node <= ClusterLayout.KAFKA_NODES; node++) {
                startKafka(classpath, node);
            }
            List<String> log =
                    List.of("-Dlog4j2.configurationFile=" + state.resolve("log4j2.properties"));
            startIfStopped(
                    JOB_MANAGER,
                    classpath,
                    concat(FlinkClusterConfig.jobManagerJvmOptions(), log),
                    FlinkClusterConfig.JOB_MANAGER_MAIN,
                    FlinkClusterConfig.jobManagerArgs(flinkConf));
            for (int i = 1; i <= ClusterLayout.TASK_MANAGERS; i++) {
                startTaskManager(classpath, i);
            }
            awaitKafka();
            createTopics(topics, partitions);
            awaitTaskManagers(ClusterLayout.TASK_MANAGERS);
        } catch (IOException e) {
            throw new LocalStackException(
                    "cannot write the cluster configuration under " + state + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Starts TaskManager {@code index} (1-based) if it is not running (also after a failure test
     * killed it).
     */
    public void startTaskManager(String classpath, int index) {
        List<String> log =
                List.of(
                        "-Dlog4j2.configurationFile="
                                + layout.stateDir().resolve("log4j2.properties"));
        startIfStopped(
                taskManagerName(index),
                classpath,
                concat(FlinkClusterConfig.taskManagerJvmOptions(), log),
                FlinkClusterConfig.TASK_MANAGER_MAIN,
                FlinkClusterConfig.taskManagerArgs(layout.stateDir().resolve("flink-conf"), index));
    }

    /**
     * Starts Kafka node {@code nodeId} if it is not running, formatting its storage on the first
     * start.
     */
    public void startKafka(String classpath, int nodeId) {
        Path dir = layout.stateDir().resolve(kafkaName(nodeId));
        Path data = dir.resolve("data");
        Properties props = KafkaClusterConfig.node(layout, nodeId, data);
        try {
            Files.createDirectories(data);
            Path file = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(
                        out,
                        "Kafka node " + nodeId + " of the local cluster; regenerated on every up");
            }
            if (!Files.exists(data.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
                format(nodeId, data);
            }
            List<String> jvm =
                    List.of(
                            "-Xms256m",
                            "-Xmx384m",
                            "-Dlog4j2.configurationFile="
                                    + layout.stateDir().resolve("log4j2.properties"));
            startIfStopped(
                    kafkaName(nodeId), classpath, jvm, "kafka.Kafka", List.of(file.toString()));
        } catch (IOException e) {
            throw new LocalStackException(
                    "cannot prepare Kafka node " + nodeId + " in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    /** Stops every process, TaskManagers first, Kafka last. Returns the names that were running. */
    public List<String> down() {
        List<String> names = new ArrayList<>(processNames());
        java.util.Collections.reverse(names);
        List<String> stopped = new ArrayList<>();
        for (String name : names) {
            if (process(name).stop(STOP_GRACE)) {
                stopped.add(name);
            }
        }
        return stopped;
    }

    /** One line per process: name, pid (or "stopped") and what it listens on. */
    public List<String> status() {
        List<String> lines = new ArrayList<>();
        for (String name : processNames()) {
            long pid = process(name).pid();
            lines.add(
                    String.format(
                            "%-14s %-8s %s",
                            name, pid < 0 ? "stopped" : Long.toString(pid), endpoint(name)));
        }
        return lines;
    }

    private String endpoint(String name) {
        if (name.equals(JOB_MANAGER)) {
            return "REST " + layout.flinkRestUrl() + ", RPC 127.0.0.1:" + layout.flinkRpcPort();
        }
        if (name.startsWith("kafka-")) {
            int i = Integer.parseInt(name.substring("kafka-".length())) - 1;
            return "broker 127.0.0.1:"
                    + layout.kafkaBrokerPorts().get(i)
                    + ", controller 127.0.0.1:"
                    + layout.kafkaControllerPorts().get(i);
        }
        return FlinkClusterConfig.SLOTS_PER_TASK_MANAGER
                + " slots, registered at the JobManager over RPC";
    }

    /**
     * TaskManagers registered at the JobManager (REST {@code /overview}), or -1 if it does not
     * answer.
     */
    public int registeredTaskManagers() {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(layout.flinkRestUrl() + "/overview"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Matcher m = TASK_MANAGERS.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until {@code count} TaskManagers are registered. */
    public void awaitTaskManagers(int count) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (registeredTaskManagers() != count) {
            if (System.nanoTime() > deadline) {
                throw new LocalStackException(
                        "Flink at "
                                + layout.flinkRestUrl()
                                + " has not "
                                + count
                                + " TaskManagers after "
                                + READY_TIMEOUT.toSeconds()
                                + " s; JobManager log:\n"
                                + process(JOB_MANAGER).logTail(20));
            }
            checkAlive(JOB_MANAGER);
            sleep(250);
        }
    }

    /** Waits until all Kafka nodes are in the cluster metadata. */
    public void awaitKafka() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size()
                            == ClusterLayout.KAFKA_NODES) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not ready yet
                }
                if (System.nanoTime() > deadline) {
                    throw new LocalStackException(
                            "Kafka at "
                                    + layout.kafkaBootstrapServers()
                                    + " has not "
                                    + ClusterLayout.KAFKA_NODES
                                    + " nodes after "
                                    + READY_TIMEOUT.toSeconds()
                                    + " s; node 1 log:\n"
                                    + process(kafkaName(1)).logTail(20));
                }
                for (int i = 1; i <= ClusterLayout.KAFKA_NODES; i++) {
                    checkAlive(kafkaName(i));
                }
                sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for Kafka", e);
        }
    }

    /**
     * Creates the topics that do not exist (replication factor 3, min.insync.replicas 2) and waits
     * until every partition has a leader and three in-sync replicas.
     */
    public void createTopics(Collection<String> topics, int partitions) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = admin()) {
            List<NewTopic> create = new ArrayList<>();
            for (String t : topics) {
                create.add(
                        new NewTopic(t, partitions, KafkaClusterConfig.REPLICATION_FACTOR)
                                .configs(KafkaClusterConfig.topicDefaults()));
            }
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> r :
                    admin.createTopics(create).values().entrySet()) {
                try {
                    r.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new LocalStackException(
                                "cannot create topic "
                                        + r.getKey()
                                        + ": "
                                        + e.getCause().getMessage(),
                                e);
                    }
                }
            }
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!fullyReplicated(admin, topics)) {
                if (System.nanoTime() > deadline) {
                    throw new LocalStackException(
                            "topics "
                                    + topics
                                    + " not fully replicated after "
                                    + READY_TIMEOUT.toSeconds()
                                    + " s");
                }
                sleep(100);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new LocalStackException(
                    "cannot describe topics " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating topics", e);
        }
    }

    /**
     * True when every partition has a leader and all replicas in sync; false while metadata still
     * lags.
     */
    private static boolean fullyReplicated(Admin admin, Collection<String> names)
            throws InterruptedException, java.util.concurrent.TimeoutException, ExecutionException {
        Map<String, TopicDescription> topics;
        try {
            topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // A just-created topic can be unknown to the node asked for a moment.
            if (e.getCause()
                    instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
        for (TopicDescription d : topics.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null
                        || p.leader().isEmpty()
                        || p.isr().size() < KafkaClusterConfig.REPLICATION_FACTOR) {
                    return false;
                }
            }
        }
        return true;
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(p);
    }

    private void startIfStopped(
            String name, String classpath, List<String> jvm, String main, List<String> args) {
        ManagedProcess p = process(name);
        if (p.handle().isEmpty()) {
            p.start(classpath, jvm, main, args);
        }
    }

    private void checkAlive(String name) {
        ManagedProcess p = process(name);
        if (p.handle().isEmpty()) {
            throw new LocalStackException(
                    name
                            + " exited during start-up; last lines of "
                            + p.logFile()
                            + ":\n"
                            + p.logTail(30));
        }
    }

    /**
     * Like {@code kafka-storage format -t <cluster id> -c server.properties} for a static voter
     * set.
     */
    private void format(int nodeId, Path data) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(nodeId)
                    .setClusterId(layout.kafkaClusterId())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(false)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(data.toString())
                    .setDirectories(List.of(data.toString()))
                    .run();
        } catch (Exception e) {
            throw new LocalStackException(
                    "cannot format Kafka storage " + data + ": " + e.getMessage() + " " + output,
                    e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted", e);
        }
    }

    /**
     * Logging of the cluster JVMs: INFO to stdout, which {@link ManagedProcess} appends to the
     * process's log file.
     */
    private static final String LOG4J2 =
            String.join(
                    "\n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.console.ref = console",
                    "appender.console.type = Console",
                    "appender.console.name = console",
                    "appender.console.layout.type = PatternLayout",
                    "appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                    "logger.kafkaclients.name = org.apache.kafka.clients",
                    "logger.kafkaclients.level = WARN",
                    "logger.chdriver.name = ru.yandex.clickhouse",
                    "logger.chdriver.level = WARN",
                    "");
}
