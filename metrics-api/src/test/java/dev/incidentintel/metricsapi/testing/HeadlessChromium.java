package dev.incidentintel.metricsapi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} in headless mode, driven over the DevTools protocol (a WebSocket; no
 * extra library): navigate, evaluate JavaScript, take a screenshot. Flags per
 * /work/.library/env/machines/java-maven.md, with a fresh profile directory each time.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The chromium binary, or {@code null} when Debian's package is not installed. */
    public static Path binary() {
        for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /**
     * Installs Debian's {@code chromium} with apt-get (as root, or through {@code sudo -n}), so the
     * test suite runs on a clean machine; serialised across test JVMs with a file lock. Failures
     * are reported by the caller, which finds no binary afterwards.
     */
    static synchronized void installWithApt() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        java.util.List<String> prefix =
                root ? java.util.List.of() : java.util.List.of("sudo", "-n");
        System.err.println(
                "chromium is not installed: installing Debian's chromium package with apt-get (for the feed page test)");
        Path lock = Path.of(System.getProperty("java.io.tmpdir"), "incident-intel-apt.lock");
        try (java.nio.channels.FileChannel channel =
                        java.nio.channels.FileChannel.open(
                                lock,
                                java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock ignored = channel.lock()) {
            if (binary() != null) {
                return;
            }
            for (java.util.List<String> command :
                    java.util.List.of(
                            java.util.List.of("apt-get", "update", "-qq"),
                            java.util.List.of("apt-get", "install", "-y", "-qq", "chromium"))) {
                java.util.List<String> full = new java.util.ArrayList<>(prefix);
                full.addAll(command);
                ProcessBuilder pb = new ProcessBuilder(full).inheritIO();
                pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
                pb.start().waitFor(15, java.util.concurrent.TimeUnit.MINUTES);
            }
        }
    }

    /**
     * Starts chromium on about:blank and attaches to its page.
     *
     * @throws IllegalStateException saying plainly that chromium is missing and how to install it
     */
    public static HeadlessChromium start() throws Exception {
        Path binary = binary();
        if (binary == null) {
            installWithApt();
            binary = binary();
        }
        if (binary == null) {
            throw new IllegalStateException(
                    "chromium is not installed and apt-get could not install it, so the feed page cannot be tested:"
                            + " run 'apt-get install -y chromium' (Debian's package) and re-run the test");
        }
        Path profile = Files.createTempDirectory("incident-intel-chromium");
        Process process =
                new ProcessBuilder(
                                binary.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--user-data-dir=" + profile,
                                "--remote-debugging-port=0",
                                "--remote-allow-origins=*",
                                "--window-size=1280,800",
                                "about:blank")
                        .redirectErrorStream(true)
                        .redirectOutput(profile.resolve("chromium.log").toFile())
                        .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "chromium did not open its DevTools port; log: "
                                + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        String wsUrl = null;
        while (wsUrl == null) {
            JsonNode targets =
                    JSON.readTree(
                            HTTP.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    "http://127.0.0.1:"
                                                                            + port
                                                                            + "/json/list"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body());
            for (JsonNode t : targets) {
                if (t.get("type").asText().equals("page")) {
                    wsUrl = t.get("webSocketDebuggerUrl").asText();
                }
            }
            if (wsUrl == null) {
                Thread.sleep(100);
            }
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket ws =
                HTTP.newWebSocketBuilder()
                        .buildAsync(
                                URI.create(wsUrl),
                                new WebSocket.Listener() {
                                    private final StringBuilder buffer = new StringBuilder();

                                    @Override
                                    public CompletionStage<?> onText(
                                            WebSocket w, CharSequence data, boolean last) {
                                        buffer.append(data);
                                        if (last) {
                                            String message = buffer.toString();
                                            buffer.setLength(0);
                                            try {
                                                JsonNode node = JSON.readTree(message);
                                                if (node.has("id") && self[0] != null) {
                                                    CompletableFuture<JsonNode> f =
                                                            self[0].pending.remove(
                                                                    node.get("id").asInt());
                                                    if (f != null) {
                                                        f.complete(node);
                                                    }
                                                }
                                            } catch (IOException e) {
                                                // Not JSON: not a DevTools answer; ignore.
                                            }
                                        }
                                        w.request(1);
                                        return null;
                                    }
                                })
                        .get(10, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(process, profile, ws);
        return self[0];
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode result = answer.get(30, TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new IllegalStateException(method + " failed: " + result.get("error"));
        }
        return result.get("result");
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates a JavaScript expression in the page and returns its value as text. */
    public String eval(String expression) throws Exception {
        JsonNode r =
                call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        JsonNode value = r.path("result").path("value");
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** Waits until {@code expression} evaluates to true (JavaScript truthiness). */
    public void waitFor(String expression, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!"true".equals(eval("!!(" + expression + ")"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "page never satisfied "
                                + expression
                                + "; body text: "
                                + eval("document.body.innerText"));
            }
            Thread.sleep(200);
        }
    }

    public void screenshot(Path png) throws Exception {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(r.get("data").asText()));
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
