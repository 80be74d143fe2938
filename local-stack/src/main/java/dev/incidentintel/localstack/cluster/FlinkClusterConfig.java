package dev.incidentintel.localstack.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink configuration ({@code config.yaml}) and JVM options of a local standalone session
 * cluster, generated without a Flink distribution: the processes run Flink's entry points ({@code
 * StandaloneSessionClusterEntrypoint}, {@code TaskManagerRunner}) straight from the project's
 * classpath, so what {@code flink-daemon.sh} and {@code BashJavaUtils} would compute is written out
 * here.
 *
 * <p>A TaskManager started without the scripts needs every memory component set explicitly
 * (otherwise it stops with "The required configuration option taskmanager.cpu.cores is not set"),
 * and its {@code -Xmx}/{@code -XX:MaxDirectMemorySize} must match them: heap = framework heap +
 * task heap, direct = framework off-heap + task off-heap + network.
 */
public final class FlinkClusterConfig {
    /** Entry point of the JobManager process. */
    public static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";

    /** Entry point of a TaskManager process. */
    public static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /**
     * Slots per TaskManager: two TaskManagers give four, so a job of parallelism 2 survives the
     * loss of one.
     */
    public static final int SLOTS_PER_TASK_MANAGER = 2;

    static final int TM_FRAMEWORK_HEAP_MB = 128;
    static final int TM_TASK_HEAP_MB = 320;
    static final int TM_FRAMEWORK_OFF_HEAP_MB = 128;
    static final int TM_NETWORK_MB = 64;
    static final int JM_HEAP_MB = 384;

    private FlinkClusterConfig() {}

    /** The cluster-wide configuration, in file order. */
    public static Map<String, String> configuration(ClusterLayout layout) {
        Path state = layout.stateDir().toAbsolutePath();
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(layout.flinkRpcPort()));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(layout.flinkRestPort()));
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(SLOTS_PER_TASK_MANAGER));
        c.put("jobmanager.memory.heap.size", JM_HEAP_MB + "m");
        c.put("jobmanager.memory.off-heap.size", "64m");
        c.put("jobmanager.memory.jvm-metaspace.size", "192m");
        c.put("jobmanager.memory.jvm-overhead.min", "64m");
        c.put("jobmanager.memory.jvm-overhead.max", "64m");
        c.put("taskmanager.cpu.cores", "1.0");
        c.put("taskmanager.memory.framework.heap.size", TM_FRAMEWORK_HEAP_MB + "m");
        c.put("taskmanager.memory.task.heap.size", TM_TASK_HEAP_MB + "m");
        c.put("taskmanager.memory.framework.off-heap.size", TM_FRAMEWORK_OFF_HEAP_MB + "m");
        c.put("taskmanager.memory.task.off-heap.size", "0m");
        c.put("taskmanager.memory.network.min", TM_NETWORK_MB + "m");
        c.put("taskmanager.memory.network.max", TM_NETWORK_MB + "m");
        // Heap state backend: managed memory would only be used by RocksDB or batch operators.
        c.put("taskmanager.memory.managed.size", "32m");
        c.put("taskmanager.memory.jvm-metaspace.size", "256m");
        c.put("taskmanager.memory.jvm-overhead.min", "128m");
        c.put("taskmanager.memory.jvm-overhead.max", "128m");
        // Checkpoints and savepoints on the shared local disk, as a DFS would be on a real cluster.
        c.put("state.backend.type", "hashmap");
        c.put("execution.checkpointing.storage", "filesystem");
        c.put("execution.checkpointing.dir", state.resolve("checkpoints").toUri().toString());
        c.put(
                "execution.checkpointing.savepoint-dir",
                state.resolve("savepoints").toUri().toString());
        c.put(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        // A lost TaskManager must not fail the job for good: restart from the last checkpoint.
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", "20");
        c.put("restart-strategy.fixed-delay.delay", "2 s");
        // Detect a killed TaskManager within seconds instead of the default 50 s heartbeat timeout.
        c.put("heartbeat.interval", "2000");
        c.put("heartbeat.timeout", "8000");
        // Every process has the whole project on its classpath; the job jar repeats some of it
        // (Kafka
        // client, Jackson). Parent-first keeps one copy of each class, so connector and job agree.
        c.put("classloader.resolve-order", "parent-first");
        c.put("io.tmp.dirs", state.resolve("tmp").toString());
        c.put("web.tmpdir", state.resolve("tmp").resolve("web").toString());
        return c;
    }

    /**
     * {@code config.yaml} text: one {@code key: value} line per option (Flink's flat YAML form).
     */
    public static String configYaml(ClusterLayout layout) {
        StringBuilder yaml =
                new StringBuilder(
                        "# Generated by incident-intel local-cluster; regenerated on every up.\n");
        configuration(layout)
                .forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        return yaml.toString();
    }

    /** JVM memory options of the JobManager. */
    public static List<String> jobManagerJvmOptions() {
        return List.of(
                "-Xms" + JM_HEAP_MB + "m",
                "-Xmx" + JM_HEAP_MB + "m",
                "-XX:MaxDirectMemorySize=64m");
    }

    /** JVM memory options of a TaskManager, matching {@link #configuration}. */
    public static List<String> taskManagerJvmOptions() {
        int heap = TM_FRAMEWORK_HEAP_MB + TM_TASK_HEAP_MB;
        int direct = TM_FRAMEWORK_OFF_HEAP_MB + TM_NETWORK_MB;
        return List.of(
                "-Xms" + heap + "m",
                "-Xmx" + heap + "m",
                "-XX:MaxDirectMemorySize=" + direct + "m");
    }

    /**
     * Program arguments of TaskManager {@code index} (1-based): config dir plus a stable resource
     * id.
     */
    public static List<String> taskManagerArgs(Path configDir, int index) {
        return List.of(
                "--configDir",
                configDir.toAbsolutePath().toString(),
                "-D",
                "taskmanager.resource-id=tm-" + index);
    }

    /** Program arguments of the JobManager. */
    public static List<String> jobManagerArgs(Path configDir) {
        return List.of("--configDir", configDir.toAbsolutePath().toString());
    }

    private static String quote(String value) {
        return value.matches("[A-Za-z0-9._:/-]+") ? value : "'" + value.replace("'", "''") + "'";
    }
}
