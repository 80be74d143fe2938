package dev.incidentintel.localstack.clickhouse;

import dev.incidentintel.localstack.LocalStackException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the clickhouse-server binary and, when it is missing, installs Debian's {@code
 * clickhouse-server} and {@code clickhouse-client} packages (18.16, the only ones installable here)
 * with apt-get: directly as root, through {@code sudo -n} when that works without a password, or
 * not at all, in which case the exception names the exact command to run.
 *
 * <p>Installs are serialised across JVMs with a file lock (several test JVMs may start at once) and
 * the binary is looked for again once the lock is held, so only the first JVM installs.
 *
 * <p>The candidate paths, the PATH value, whether we are root and the command runner are injectable
 * so the decisions can be tested without uninstalling anything.
 */
public final class ClickHouseInstaller {

    /** Where Debian's package puts the server (and where older packages put it). */
    public static final List<Path> DEFAULT_CANDIDATES =
            List.of(Path.of("/usr/sbin/clickhouse-server"), Path.of("/usr/bin/clickhouse-server"));

    static final String BINARY_NAME = "clickhouse-server";
    static final List<String> APT_UPDATE = List.of("apt-get", "update");
    static final List<String> APT_INSTALL =
            List.of("apt-get", "install", "-y", "clickhouse-server", "clickhouse-client");
    static final String MANUAL_COMMAND =
            "sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y"
                    + " clickhouse-server clickhouse-client";

    /** Serialises installs inside one JVM: a JVM cannot take the same file lock twice. */
    private static final Object JVM_LOCK = new Object();

    /** How apt-get will be run, decided from who we are. */
    public enum Method {
        /** We are root: run apt-get directly. */
        AS_ROOT,
        /** Not root, but {@code sudo -n true} succeeded: prefix apt-get with {@code sudo -n}. */
        VIA_SUDO,
        /** Neither: the user has to install the packages. */
        MANUAL
    }

    /**
     * Runs a command to completion, streaming its output lines to {@code out}; returns the exit
     * code.
     */
    @FunctionalInterface
    public interface CommandRunner {
        int run(List<String> command, Map<String, String> environment, PrintStream out)
                throws IOException, InterruptedException;
    }

    private final List<Path> candidates;
    private final String pathEnv;
    private final boolean root;
    private final CommandRunner runner;
    private final Path lockFile;

    /**
     * @param candidates absolute paths checked first, in order
     * @param pathEnv the PATH value searched for {@code clickhouse-server} afterwards (may be null)
     * @param root whether this process runs as root
     * @param runner runs apt-get and {@code sudo -n true}
     * @param lockFile file locked while installing
     */
    public ClickHouseInstaller(
            List<Path> candidates,
            String pathEnv,
            boolean root,
            CommandRunner runner,
            Path lockFile) {
        this.candidates =
                List.copyOf(Objects.requireNonNull(candidates, "candidates must not be null"));
        this.pathEnv = pathEnv;
        this.root = root;
        this.runner = Objects.requireNonNull(runner, "runner must not be null");
        this.lockFile = Objects.requireNonNull(lockFile, "lockFile must not be null");
    }

    /** The installer for this machine: default candidates, real PATH, real user, real processes. */
    public static ClickHouseInstaller forThisMachine() {
        return new ClickHouseInstaller(
                DEFAULT_CANDIDATES,
                System.getenv("PATH"),
                isRoot(),
                ClickHouseInstaller::runProcess,
                defaultLockFile());
    }

    /**
     * Returns the clickhouse-server binary of this machine, installing Debian's packages first if
     * it is missing. Progress lines go to {@code out}.
     *
     * @throws LocalStackException if it cannot be installed (the message says the command to run)
     */
    public static Path ensureInstalled(PrintStream out) {
        return forThisMachine().ensure(out);
    }

    /** Like {@link #ensureInstalled(PrintStream)} with this instance's injected environment. */
    public Path ensure(PrintStream out) {
        Optional<Path> found = findServerBinary();
        if (found.isPresent()) {
            return found.get();
        }
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(lockFile.toAbsolutePath().getParent());
                try (FileChannel channel =
                                FileChannel.open(
                                        lockFile,
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    // Another JVM may have installed it while we waited for the lock.
                    found = findServerBinary();
                    if (found.isPresent()) {
                        return found.get();
                    }
                    return install(out);
                }
            } catch (IOException e) {
                throw new LocalStackException(
                        "cannot install clickhouse-server ("
                                + e.getMessage()
                                + "); install it with: "
                                + MANUAL_COMMAND,
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while installing clickhouse-server", e);
            }
        }
    }

    /**
     * The first executable candidate, then the first executable {@code clickhouse-server} on PATH.
     */
    public Optional<Path> findServerBinary() {
        for (Path candidate : candidates) {
            if (isExecutableFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        if (pathEnv != null) {
            for (String dir : pathEnv.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir).resolve(BINARY_NAME);
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Root installs directly; otherwise sudo if it needs no password; otherwise the user must. */
    public static Method chooseMethod(boolean root, boolean passwordlessSudo) {
        if (root) {
            return Method.AS_ROOT;
        }
        return passwordlessSudo ? Method.VIA_SUDO : Method.MANUAL;
    }

    /** The commands to run for {@code method}, in order; empty for {@link Method#MANUAL}. */
    public static List<List<String>> installCommands(Method method) {
        return switch (method) {
            case AS_ROOT -> List.of(APT_UPDATE, APT_INSTALL);
            case VIA_SUDO -> List.of(viaSudo(APT_UPDATE), viaSudo(APT_INSTALL));
            case MANUAL -> List.of();
        };
    }

    private Path install(PrintStream out) throws IOException, InterruptedException {
        out.println(
                "clickhouse-server is not installed: installing Debian's clickhouse-server and"
                        + " clickhouse-client with apt-get ...");
        Method method = chooseMethod(root, !root && sudoWorks(out));
        if (method == Method.MANUAL) {
            throw new LocalStackException(
                    "clickhouse-server is not installed and this user is neither root nor allowed to sudo"
                            + " without a password; install it with: "
                            + MANUAL_COMMAND);
        }
        // noninteractive: the package must not stop at a debconf prompt with nobody at the
        // terminal.
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        for (List<String> command : installCommands(method)) {
            out.println("$ " + String.join(" ", command));
            int code = runner.run(command, env, out);
            if (code != 0) {
                throw new LocalStackException(
                        "'"
                                + String.join(" ", command)
                                + "' exited with code "
                                + code
                                + "; install clickhouse-server with: "
                                + MANUAL_COMMAND);
            }
        }
        return findServerBinary()
                .orElseThrow(
                        () ->
                                new LocalStackException(
                                        "apt-get finished but no clickhouse-server binary was found in "
                                                + candidates
                                                + " or on PATH; install it with: "
                                                + MANUAL_COMMAND));
    }

    private boolean sudoWorks(PrintStream out) {
        try {
            return runner.run(List.of("sudo", "-n", "true"), Map.of(), out) == 0;
        } catch (IOException e) {
            return false; // no sudo binary at all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> viaSudo(List<String> command) {
        List<String> result = new ArrayList<>();
        result.add("sudo");
        result.add("-n");
        // sudo resets the environment: pass DEBIAN_FRONTEND on the command line.
        result.add("DEBIAN_FRONTEND=noninteractive");
        result.addAll(command);
        return List.copyOf(result);
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Path defaultLockFile() {
        // A fixed place shared by every JVM (java.io.tmpdir differs per module in tests).
        Path tmp = Path.of("/tmp");
        Path dir =
                Files.isDirectory(tmp) && Files.isWritable(tmp)
                        ? tmp
                        : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("incident-intel-clickhouse-install.lock");
    }

    private static int runProcess(
            List<String> command, Map<String, String> environment, PrintStream out)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println(line);
            }
        }
        return process.waitFor();
    }
}
