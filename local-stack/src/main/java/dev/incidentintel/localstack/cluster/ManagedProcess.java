package dev.incidentintel.localstack.cluster;

import dev.incidentintel.localstack.LocalStackException;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One named JVM of a local cluster, started detached (it outlives the command that started it) with
 * its pid in {@code <stateDir>/pids/<name>.pid} and its output in {@code
 * <stateDir>/logs/<name>.log}. Stopping sends SIGTERM, waits, then SIGKILL.
 *
 * @param stateDir the cluster's state directory
 * @param name process name, e.g. {@code jobmanager}, {@code taskmanager-1}, {@code kafka-2}
 */
public record ManagedProcess(Path stateDir, String name) {

    /** Options every cluster JVM gets: Flink on Java 17 needs these opens (STACK.md). */
    public static final List<String> JAVA_17_OPENS =
            List.of(
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED");

    public Path pidFile() {
        return stateDir.resolve("pids").resolve(name + ".pid");
    }

    public Path logFile() {
        return stateDir.resolve("logs").resolve(name + ".log");
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classpath> <mainClass> <args>} detached and records its
     * pid. Fails if this process is already running.
     */
    public long start(
            String classpath, List<String> jvmOptions, String mainClass, List<String> args) {
        if (handle().isPresent()) {
            throw new LocalStackException(
                    name + " is already running (pid file " + pidFile() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_17_OPENS);
        command.addAll(jvmOptions);
        command.add("-Dincident-intel.cluster.process=" + name);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(pidFile().getParent());
            Files.createDirectories(logFile().getParent());
            Process p =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(Redirect.appendTo(logFile().toFile()))
                            .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                            .directory(stateDir.toFile())
                            .start();
            Files.writeString(pidFile(), Long.toString(p.pid()), StandardCharsets.US_ASCII);
            return p.pid();
        } catch (IOException e) {
            throw new LocalStackException(
                    "cannot start " + name + " (" + mainClass + "): " + e.getMessage(), e);
        }
    }

    /**
     * The running process recorded in the pid file, if it is alive and a Java process of this
     * cluster.
     */
    public Optional<ProcessHandle> handle() {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            // A recycled pid must not be mistaken for ours: check the marker option on the command
            // line.
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(
                            h ->
                                    h.info()
                                            .arguments()
                                            .map(
                                                    a ->
                                                            List.of(a)
                                                                    .contains(
                                                                            "-Dincident-intel.cluster.process="
                                                                                    + name))
                                            .orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Pid of the running process, or -1. */
    public long pid() {
        return handle().map(ProcessHandle::pid).orElse(-1L);
    }

    /**
     * SIGTERM, then SIGKILL if it has not exited within {@code grace}; removes the pid file.
     *
     * @return true if a running process was stopped
     */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> h = handle();
        if (h.isPresent()) {
            h.get().destroy();
            try {
                h.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception timeoutOrInterrupt) {
                h.get().destroyForcibly();
                try {
                    h.get().onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new LocalStackException(
                            name + " (pid " + h.get().pid() + ") did not exit after SIGKILL");
                }
            }
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new LocalStackException("cannot remove " + pidFile() + ": " + e.getMessage(), e);
        }
        return h.isPresent();
    }

    /** SIGKILL at once (failure tests); waits until the process is gone. */
    public void kill() {
        handle().ifPresent(
                        h -> {
                            h.destroyForcibly();
                            h.onExit().join();
                        });
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile() + ")";
        }
    }
}
