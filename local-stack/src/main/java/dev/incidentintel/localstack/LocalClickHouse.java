package dev.incidentintel.localstack;

import dev.incidentintel.localstack.clickhouse.ClickHouseInstaller;
import dev.incidentintel.localstack.clickhouse.ClickHouseServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private clickhouse-server (Debian's 18.16) run as a child process on 127.0.0.1 with its own
 * single-file config, data and log under {@code dataDir}, for the {@code demo} and {@code
 * local-clickhouse} commands and for integration tests.
 *
 * <p>Installs the Debian package first if the binary is missing. The server's pid is written to
 * {@code dataDir/clickhouse.pid}; a server left behind by a crashed run on the same directory is
 * killed on the next start. A JVM shutdown hook stops the server if {@link #close()} was not
 * called. Data survives a restart on the same directory.
 */
public final class LocalClickHouse implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalClickHouse.class);

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern STATUS_PID = Pattern.compile("(?m)^PID:\\s*(\\d+)\\s*$");
    private static final String PID_FILE = "clickhouse.pid";
    private static final String LOG_FILE = "clickhouse.log";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(5);
    private static final int LOG_TAIL_LINES = 30;

    /** Attempts when ports were picked automatically and another process grabbed one first. */
    private static final int START_ATTEMPTS = 3;

    /**
     * Where and how to run the server.
     *
     * @param dataDir directory for the config, data, log and pid file; created if missing
     * @param httpPort HTTP port (JDBC, {@link #query}), or 0 for a free one
     * @param tcpPort native protocol port (clickhouse-client), or 0 for a free one
     */
    public record Options(Path dataDir, int httpPort, int tcpPort) {
        public Options {
            Objects.requireNonNull(dataDir, "dataDir must not be null");
            FreePorts.checkPort("httpPort", httpPort);
            FreePorts.checkPort("tcpPort", tcpPort);
            if (httpPort != 0 && httpPort == tcpPort) {
                throw new IllegalArgumentException(
                        "httpPort and tcpPort must differ but both were " + httpPort);
            }
        }

        /** Free ports, data in {@code dataDir}. */
        public static Options of(Path dataDir) {
            return new Options(dataDir, 0, 0);
        }
    }

    private final ClickHouseServerConfig config;
    private final Process process;
    private final Path pidFile;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalClickHouse(ClickHouseServerConfig config, Process process) {
        this.config = config;
        this.process = process;
        this.pidFile = config.dataDir().resolve(PID_FILE);
        this.shutdownHook =
                new Thread(this::stopProcess, "local-clickhouse-shutdown-" + process.pid());
    }

    /** Starts a server with free ports and its data in {@code dataDir}. */
    public static LocalClickHouse start(Path dataDir) {
        return start(Options.of(dataDir));
    }

    /**
     * Installs clickhouse-server if needed, kills a stale server of the same directory, writes the
     * config, starts the server and returns once {@code GET /ping} answers {@code Ok.} (at most 30
     * s).
     *
     * @throws LocalStackException if the server cannot be installed, exits early (the message holds
     *     the last 30 log lines) or does not answer in time
     */
    public static LocalClickHouse start(Options options) {
        Path binary = ClickHouseInstaller.ensureInstalled(installerOutput());
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LocalStackException("cannot create ClickHouse data directory " + dataDir, e);
        }
        killStaleServer(dataDir);
        boolean autoPorts = options.httpPort() == 0 || options.tcpPort() == 0;
        LocalStackException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = choosePorts(options);
            ClickHouseServerConfig config = new ClickHouseServerConfig(dataDir, ports[0], ports[1]);
            try {
                return startOnce(binary, config);
            } catch (PortTakenException e) {
                last = e;
                if (!autoPorts) {
                    throw e;
                }
                LOG.warn(
                        "ClickHouse could not bind its ports (attempt {}), retrying with new ones",
                        attempt);
            }
        }
        throw last;
    }

    /**
     * {@code jdbc:clickhouse://127.0.0.1:<http>/<database>?compress=false} (18.16 cannot compress).
     */
    public String jdbcUrl(String database) {
        return "jdbc:clickhouse://127.0.0.1:"
                + config.httpPort()
                + "/"
                + checkIdentifier("database", database)
                + "?compress=false";
    }

    /** The HTTP interface port. */
    public int httpPort() {
        return config.httpPort();
    }

    /** The native protocol port (for clickhouse-client). */
    public int tcpPort() {
        return config.tcpPort();
    }

    /** The server's data directory (config, data, log, pid file). */
    public Path dataDir() {
        return config.dataDir();
    }

    /** The pid of the server process. */
    public long pid() {
        return process.pid();
    }

    /**
     * {@code CREATE DATABASE IF NOT EXISTS name}; the name must match {@code
     * [A-Za-z_][A-Za-z0-9_]*}.
     */
    public void createDatabase(String name) {
        // Identifiers cannot be bound as parameters, so only plain names are accepted.
        query("CREATE DATABASE IF NOT EXISTS " + checkIdentifier("name", name));
    }

    /** {@code DROP DATABASE IF EXISTS name}; the name must match {@code [A-Za-z_][A-Za-z0-9_]*}. */
    public void dropDatabase(String name) {
        query("DROP DATABASE IF EXISTS " + checkIdentifier("name", name));
    }

    /**
     * Runs one statement over HTTP in the {@code default} database and returns the response body
     * (TSV for SELECTs unless the statement says {@code FORMAT ...}; empty for DDL and INSERT).
     *
     * @throws LocalStackException with the server's error text when it answers other than 200
     */
    public String query(String sql) {
        return query(null, sql);
    }

    /** Like {@link #query(String)} with {@code database} as the current database. */
    public String query(String database, String sql) {
        Objects.requireNonNull(sql, "sql must not be null");
        ensureOpen();
        String url = "http://127.0.0.1:" + config.httpPort() + "/";
        if (database != null) {
            url +=
                    "?database="
                            + URLEncoder.encode(
                                    checkIdentifier("database", database), StandardCharsets.UTF_8);
        }
        try {
            HttpResult response = http("POST", url, sql, QUERY_TIMEOUT);
            if (response.status() != 200) {
                throw new LocalStackException(
                        "ClickHouse answered HTTP "
                                + response.status()
                                + " to ["
                                + abbreviate(sql)
                                + "]: "
                                + response.body().trim());
            }
            return response.body();
        } catch (IOException e) {
            throw new LocalStackException(
                    "cannot reach ClickHouse on 127.0.0.1:"
                            + config.httpPort()
                            + " for ["
                            + abbreviate(sql)
                            + "]: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Stops the server (SIGTERM, then SIGKILL after 10 s), waits for it to exit and removes the pid
     * file. Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs stopProcess itself.
        }
        stopProcess();
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "LocalClickHouse on port " + config.httpPort() + " is closed");
        }
    }

    private void stopProcess() {
        long t0 = System.nanoTime();
        stop(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", pidFile, e.getMessage());
        }
        LOG.info("ClickHouse on port {} stopped in {} ms", config.httpPort(), millisSince(t0));
    }

    private static LocalClickHouse startOnce(Path binary, ClickHouseServerConfig config) {
        long t0 = System.nanoTime();
        Path configFile = config.write();
        Path log = config.dataDir().resolve(LOG_FILE);
        ProcessBuilder builder =
                new ProcessBuilder(binary.toString(), "--config-file=" + configFile)
                        .directory(config.dataDir().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new LocalStackException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        Path pidFile = config.dataDir().resolve(PID_FILE);
        LocalClickHouse server = new LocalClickHouse(config, process);
        try {
            Files.writeString(pidFile, process.pid() + "\n", StandardCharsets.UTF_8);
            // Registered before waiting so that a JVM exiting mid-start does not leak the server.
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            awaitPing(config, process, log);
        } catch (RuntimeException | IOException e) {
            server.close();
            if (e instanceof LocalStackException lse) {
                throw lse;
            }
            throw new LocalStackException(
                    "cannot start ClickHouse in " + config.dataDir() + ": " + e.getMessage(), e);
        }
        LOG.info(
                "ClickHouse ready on 127.0.0.1:{} (tcp {}) after {} ms, pid {}, data {}",
                config.httpPort(),
                config.tcpPort(),
                millisSince(t0),
                process.pid(),
                config.dataDir());
        return server;
    }

    private static void awaitPing(ClickHouseServerConfig config, Process process, Path log) {
        String ping = "http://127.0.0.1:" + config.httpPort() + "/ping";
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String tail = tail(log);
                    String message =
                            "clickhouse-server exited with code "
                                    + process.exitValue()
                                    + " during start-up (ports "
                                    + config.httpPort()
                                    + "/"
                                    + config.tcpPort()
                                    + ", data "
                                    + config.dataDir()
                                    + "); last lines of "
                                    + log
                                    + ":\n"
                                    + tail;
                    if (tail.contains("Address already in use")) {
                        throw new PortTakenException(message);
                    }
                    throw new LocalStackException(message);
                }
                try {
                    HttpResult response = http("GET", ping, null, Duration.ofSeconds(2));
                    if (response.status() == 200 && response.body().trim().equals("Ok.")) {
                        return;
                    }
                    lastProblem = "HTTP " + response.status() + ": " + response.body().trim();
                } catch (IOException e) {
                    lastProblem = e.toString();
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for ClickHouse", e);
        }
        throw new LocalStackException(
                "ClickHouse did not answer GET /ping on port "
                        + config.httpPort()
                        + " within "
                        + READY_TIMEOUT.toSeconds()
                        + " s ("
                        + lastProblem
                        + "); last lines of "
                        + log
                        + ":\n"
                        + tail(log));
    }

    /**
     * Kills a server a crashed run left on this data directory: the pid comes from our pid file or,
     * failing that, from the {@code status} file the server itself writes (removed on a clean
     * exit); it is only killed if it is alive and its command line names clickhouse and this
     * directory's config.
     */
    private static void killStaleServer(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        Optional<Long> pid = readPid(pidFile, null);
        if (pid.isEmpty()) {
            pid = readPid(dataDir.resolve("data").resolve("status"), STATUS_PID);
        }
        String configFile = dataDir.resolve(ClickHouseServerConfig.CONFIG_FILE_NAME).toString();
        pid.flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> isOurClickHouse(handle, configFile))
                .ifPresent(
                        handle -> {
                            LOG.warn(
                                    "stopping stale clickhouse-server pid {} left on {}",
                                    handle.pid(),
                                    dataDir);
                            stop(handle);
                        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete stale " + pidFile, e);
        }
    }

    private static Optional<Long> readPid(Path file, Pattern pattern) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (pattern != null) {
                Matcher m = pattern.matcher(text);
                if (!m.find()) {
                    return Optional.empty();
                }
                text = m.group(1);
            }
            return Optional.of(Long.parseLong(text.trim()));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("ignoring unreadable pid in {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * True if the command line mentions clickhouse and this directory's config file: a recycled
     * pid, or another clickhouse-server on this machine, must never be killed.
     */
    private static boolean isOurClickHouse(ProcessHandle handle, String configFile) {
        String commandLine;
        try {
            // /proc has the full argument list (ProcessHandle.Info may only know the executable).
            commandLine =
                    Files.readString(
                                    Path.of("/proc", String.valueOf(handle.pid()), "cmdline"),
                                    StandardCharsets.ISO_8859_1)
                            .replace('\0', ' ');
        } catch (IOException | UnsupportedOperationException e) {
            commandLine = handle.info().commandLine().orElse("");
        }
        return commandLine.toLowerCase(java.util.Locale.ROOT).contains("clickhouse")
                && commandLine.contains(configFile);
    }

    /** SIGTERM, up to 10 s for a clean shutdown (it flushes parts), then SIGKILL. */
    private static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn(
                    "clickhouse-server pid {} ignored SIGTERM for {} s, killing it",
                    handle.pid(),
                    STOP_TIMEOUT.toSeconds());
            handle.destroyForcibly();
            try {
                handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception again) {
                LOG.warn("clickhouse-server pid {} did not exit after SIGKILL", handle.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn(
                    "waiting for clickhouse-server pid {} failed: {}",
                    handle.pid(),
                    e.getMessage());
        }
    }

    private static int[] choosePorts(Options options) {
        int httpPort = options.httpPort();
        int tcpPort = options.tcpPort();
        while (httpPort == 0 || tcpPort == 0) {
            int fresh = FreePorts.pickOne();
            if (httpPort == 0 && fresh != tcpPort) {
                httpPort = fresh;
            } else if (tcpPort == 0 && fresh != httpPort) {
                tcpPort = fresh;
            }
        }
        return new int[] {httpPort, tcpPort};
    }

    static String checkIdentifier(String field, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field
                            + " must match [A-Za-z_][A-Za-z0-9_]* but was "
                            + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * One HTTP exchange with {@code Connection: close}. Not java.net.http: on Java 17 its client
     * can neither close its pool nor send that header, and ClickHouse's shutdown waits for every
     * idle keep-alive connection (up to keep_alive_timeout), which made each stop 3-10 s instead of
     * ~0.5 s.
     */
    private static HttpResult http(String method, String url, String body, Duration timeout)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setRequestProperty("Connection", "close");
            connection.setUseCaches(false);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout((int) timeout.toMillis());
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(bytes.length);
                connection.setRequestProperty("Content-Type", "text/plain; charset=UTF-8");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            InputStream stream =
                    status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text;
            if (stream == null) {
                text = "";
            } else {
                try (InputStream in = stream) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new HttpResult(status, text);
        } finally {
            connection.disconnect();
        }
    }

    private record HttpResult(int status, String body) {}

    private static String abbreviate(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    private static PrintStream installerOutput() {
        // Installing is rare and slow: the user should see apt-get's progress on the console.
        return System.err;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** The server could not bind a port: worth a retry when the ports were picked automatically. */
    private static final class PortTakenException extends LocalStackException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
