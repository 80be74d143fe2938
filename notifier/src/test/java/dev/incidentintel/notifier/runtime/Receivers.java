package dev.incidentintel.notifier.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Real HTTP receivers on loopback standing in for a webhook endpoint, a Slack incoming webhook and
 * PagerDuty's {@code /v2/enqueue}: they record every request and answer from a script (429 with
 * Retry-After, 500, a hang past the client's timeout, 400), then as the real service does.
 */
final class Receivers implements AutoCloseable {
    /** One request as received, and the status answered. */
    record Request(String path, Map<String, String> headers, String body, int status, Instant at) {}

    /** A scripted answer. */
    record Answer(int status, String retryAfter, long delayMs, String body) {}

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new HashMap<>();
    private final Map<String, Answer> normal = new HashMap<>();

    Receivers() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        // What the real services answer when all is well.
        normal.put("/hook", new Answer(204, null, 0, ""));
        normal.put("/slack", new Answer(200, null, 0, "ok"));
        normal.put(
                "/v2/enqueue",
                new Answer(
                        202,
                        null,
                        0,
                        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}"));
        normal.put("/bad", new Answer(400, null, 0, "{\"error\":\"invalid payload\"}"));
        for (String path : normal.keySet()) {
            server.createContext(path, this::handle);
        }
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} get these answers, in order. */
    synchronized void script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    synchronized List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getHttpContext().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        Answer answer;
        synchronized (this) {
            Deque<Answer> script = scripts.get(path);
            answer = script != null && !script.isEmpty() ? script.poll() : normal.get(path);
            requests.add(new Request(path, headers, body, answer.status(), Instant.now()));
        }
        if (answer.delayMs() > 0) {
            try {
                Thread.sleep(answer.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.retryAfter() != null) {
            ex.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        try {
            ex.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
        } catch (IOException e) {
            // The client gave up (timeout): nothing to answer.
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
