package dev.incidentintel.benchmarks;

import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.ApiServer;
import dev.incidentintel.metricsapi.ApiSettings;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.IncidentSnapshots;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Seed generator and concurrent load harness for the metrics API (issue 6). Starts a
 * clickhouse-server under {@code --data-dir} (or uses {@code --clickhouse-url}), migrates the
 * schema, seeds {@code --alerts} alert notifications and {@code --incidents} incidents spread over
 * the last 90 days plus links, lifecycle steps and deploys (generated inside ClickHouse with {@code
 * INSERT ... SELECT FROM numbers(N)}, deterministic in {@code number}; skipped with {@code
 * --no-seed}), starts the real API on a free port and runs {@code --clients} closed-loop HTTP
 * clients over the endpoint mix for {@code --seconds} after {@code --warmup}, then prints p50 / p90
 * / p99 / max per endpoint; {@code --skip noise,dora} leaves endpoints out of the mix, {@code
 * --only feed,heatmap} keeps only those; {@code --api-clickhouse-params max_threads=1} appends
 * query settings to the API's ClickHouse URL; {@code --vary} adds a filter to most requests (a
 * service, team, environment or priority, varied by the request count; see {@link #variant}).
 * Before the run it takes an incident snapshot, as the API does every few minutes, so the KPIs read
 * the snapshot plus what changed since; {@code --no-snapshots} turns them off (every KPI reads
 * {@code incidents_current FINAL}). The load average (/proc/loadavg) is printed before and after
 * the measured window, since the machine is shared.
 *
 * <pre>
 * mvn -q -B -o -pl benchmarks package -DskipTests
 * java -Xmx1g -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt) \
 *   dev.incidentintel.benchmarks.MetricsApiLoadHarness --alerts 10000000 --incidents 1000000 \
 *   --clients 4 --seconds 30 --data-dir /tmp/ii-bench-ch
 * </pre>
 */
public final class MetricsApiLoadHarness {
    private MetricsApiLoadHarness() {}

    /** The endpoint mix: every KPI, the heat map and the feed. Default window: the last 30 days. */
    static final Map<String, String> ENDPOINTS = endpoints();

    private static Map<String, String> endpoints() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("feed", "/api/v1/incidents?limit=50");
        m.put("feed-filtered", "/api/v1/incidents?limit=50&service=svc-7&status=resolved");
        m.put("mttx", "/api/v1/kpi/mttx?groupBy=service");
        m.put("slo", "/api/v1/kpi/slo");
        m.put("recurrence", "/api/v1/kpi/recurrence");
        m.put("escalation", "/api/v1/kpi/escalation");
        m.put("backlog", "/api/v1/kpi/backlog");
        m.put("volume", "/api/v1/kpi/volume?bucket=day");
        m.put("heatmap", "/api/v1/kpi/heatmap?kind=weekday-hour&tz=Europe/Berlin");
        m.put("noise", "/api/v1/kpi/noise");
        m.put("dora", "/api/v1/kpi/dora");
        return m;
    }

    public static void main(String[] args) throws Exception {
        long alerts = 10_000_000;
        long incidents = 1_000_000;
        int clients = 4;
        int seconds = 30;
        int warmup = 5;
        boolean seed = true;
        boolean vary = false;
        List<String> skip = List.of();
        List<String> only = List.of();
        String url = null;
        String apiParams = "";
        boolean snapshots = true;
        Path dataDir = Path.of("/tmp/incident-intel-bench-clickhouse");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--alerts" -> {
                    alerts = Long.parseLong(value);
                    i++;
                }
                case "--incidents" -> {
                    incidents = Long.parseLong(value);
                    i++;
                }
                case "--clients" -> {
                    clients = Integer.parseInt(value);
                    i++;
                }
                case "--seconds" -> {
                    seconds = Integer.parseInt(value);
                    i++;
                }
                case "--warmup" -> {
                    warmup = Integer.parseInt(value);
                    i++;
                }
                case "--clickhouse-url" -> {
                    url = value;
                    i++;
                }
                case "--data-dir" -> {
                    dataDir = Path.of(value);
                    i++;
                }
                case "--no-seed" -> seed = false;
                case "--vary" -> vary = true;
                case "--skip" -> {
                    skip = List.of(value.split(","));
                    i++;
                }
                case "--only" -> {
                    only = List.of(value.split(","));
                    i++;
                }
                case "--api-clickhouse-params" -> {
                    apiParams = value;
                    i++;
                }
                case "--no-snapshots" -> snapshots = false;
                default ->
                        throw new IllegalArgumentException(
                                "unknown option "
                                        + args[i]
                                        + " (known: --alerts N --incidents N --clients N --seconds N --warmup N"
                                        + " --clickhouse-url URL --data-dir DIR --no-seed --skip NAME[,NAME...] --only NAME[,NAME...]"
                                        + " --vary --api-clickhouse-params max_threads=1 --no-snapshots)");
            }
        }
        LocalClickHouse clickHouse = null;
        if (url == null) {
            clickHouse = LocalClickHouse.start(dataDir);
            url = clickHouse.jdbcUrl(ApiConfig.DEFAULT_DATABASE);
        }
        // Query settings for the API's own connections only (the seed and the harness keep the
        // URL's):
        // what an operator adds to CLICKHOUSE_URL (README, "ClickHouse server settings for the
        // API").
        String apiUrl = ClickHouseUrl.parse(url).withParameters(apiParams).jdbcUrl();
        // Incident snapshots as the API takes them by default, or none: every KPI reads FINAL.
        ApiSettings settings = ApiSettings.fromEnvironment(System.getenv());
        if (!snapshots) {
            settings = new ApiSettings(settings.sloTargets(), settings.readTokens(), Duration.ZERO);
        }
        try (ApiServer api =
                ApiServer.start(ApiConfig.forClickHouse("127.0.0.1", 0, apiUrl), settings)) {
            if (seed) {
                long t0 = System.nanoTime();
                MetricsSeed.seed(url, alerts, incidents, Instant.now());
                System.out.printf(
                        Locale.ROOT,
                        "seeded %,d alerts and %,d incidents in %.1f s%n",
                        alerts,
                        incidents,
                        (System.nanoTime() - t0) / 1e9);
            }
            ClickHouseConnections db = ClickHouseConnections.of(ClickHouseUrl.parse(url));
            reportDataAge(db);
            if (snapshots) {
                // The API took one when it started, maybe before the seed; measure on a current
                // one.
                long t0 = System.nanoTime();
                IncidentSnapshots.Snapshot snapshot =
                        IncidentSnapshots.of(db, Clock.systemUTC()).take();
                System.out.printf(
                        Locale.ROOT,
                        "incident snapshot %d taken in %.1f s%n",
                        snapshot.id(),
                        (System.nanoTime() - t0) / 1e9);
            } else {
                System.out.println("no incident snapshots: KPIs read incidents_current FINAL");
            }
            List<String> skipped = new ArrayList<>(skip);
            for (String name : ENDPOINTS.keySet()) {
                if (!only.isEmpty() && !only.contains(name)) {
                    skipped.add(name);
                }
            }
            run("http://127.0.0.1:" + api.port(), clients, warmup, seconds, skipped, vary);
        } finally {
            if (clickHouse != null) {
                clickHouse.close();
            }
        }
    }

    /**
     * Prints how long ago the newest incident was detected. The feed reads back from now and the
     * KPIs default to the last 30 days, so data seeded hours before a {@code --no-seed} run is
     * measured on other spans than a live system: with nothing detected in the last hour, every
     * feed page needs a second read (FeedSpans).
     */
    private static void reportDataAge(ClickHouseConnections db) throws Exception {
        try (Connection c = db.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(detected_ms) FROM incidents_current")) {
            rs.next();
            Duration age =
                    Duration.ofMillis(Math.max(0, System.currentTimeMillis() - rs.getLong(1)));
            System.out.printf(
                    Locale.ROOT,
                    "newest incident detected %d min ago%s%n",
                    age.toMinutes(),
                    age.compareTo(Duration.ofHours(1)) > 0
                            ? " (more than an hour: the feed's first span is empty; reseed to measure a live feed)"
                            : "");
        }
    }

    static void run(
            String base, int clients, int warmup, int seconds, List<String> skip, boolean vary)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
        ENDPOINTS.keySet().forEach(k -> latencies.put(k, new ConcurrentLinkedQueue<>()));
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        Map<String, String> firstError = new ConcurrentHashMap<>();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> names = new ArrayList<>(ENDPOINTS.keySet());
        names.removeAll(skip);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread t =
                    new Thread(
                            () -> {
                                int i = offset;
                                while (running.get()) {
                                    int n = i++;
                                    String name = names.get(n % names.size());
                                    String path = ENDPOINTS.get(name);
                                    if (vary && !path.contains("service=")) {
                                        String filter = variant(n / names.size());
                                        path =
                                                filter.isEmpty()
                                                        ? path
                                                        : path
                                                                + (path.contains("?") ? "&" : "?")
                                                                + filter;
                                    }
                                    HttpRequest req =
                                            HttpRequest.newBuilder(URI.create(base + path))
                                                    .timeout(Duration.ofSeconds(60))
                                                    .build();
                                    long start = System.nanoTime();
                                    try {
                                        HttpResponse<String> r =
                                                http.send(
                                                        req, HttpResponse.BodyHandlers.ofString());
                                        long micros = (System.nanoTime() - start) / 1000;
                                        if (r.statusCode() != 200) {
                                            errors.merge(name, 1, Integer::sum);
                                            firstError.putIfAbsent(
                                                    name, r.statusCode() + " " + r.body());
                                        } else if (measuring.get()) {
                                            latencies.get(name).add(micros);
                                        }
                                    } catch (Exception e) {
                                        errors.merge(name, 1, Integer::sum);
                                        firstError.putIfAbsent(name, e.toString());
                                    }
                                }
                            },
                            "load-" + c);
            t.start();
            threads.add(t);
        }
        Thread.sleep(warmup * 1000L);
        String loadBefore = loadAverage();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        String loadAfter = loadAverage();
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf(
                Locale.ROOT,
                "%d clients, %d s measured (%d s warm-up), load average %s -> %s%n",
                clients,
                seconds,
                warmup,
                loadBefore,
                loadAfter);
        System.out.printf(
                Locale.ROOT,
                "%-15s %8s %9s %9s %9s %9s %7s%n",
                "endpoint",
                "requests",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "max ms",
                "errors");
        for (String name : names) {
            long[] v = latencies.get(name).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    Locale.ROOT,
                    "%-15s %8d %9.1f %9.1f %9.1f %9.1f %7d%n",
                    name,
                    v.length,
                    pct(v, 0.5),
                    pct(v, 0.9),
                    pct(v, 0.99),
                    v.length == 0 ? Double.NaN : v[v.length - 1] / 1000.0,
                    errors.getOrDefault(name, 0));
        }
        firstError.forEach(
                (name, message) -> System.out.println("first error of " + name + ": " + message));
    }

    /**
     * The filter added to the {@code round}-th request of an endpoint under {@code --vary}: none, a
     * service (one of 50), a team (one of 8), an environment or a priority, in turn; the seed's
     * values, so every filter matches incidents.
     */
    static String variant(int round) {
        int turn = round / 5;
        return switch (round % 5) {
            case 1 -> "service=svc-" + (turn * 7 % 50);
            case 2 -> "team=team-" + (turn % 8);
            case 3 -> "environment=" + (turn % 2 == 0 ? "prod" : "staging");
            case 4 -> "priority=P" + (turn % 5 + 1);
            default -> "";
        };
    }

    /** The 1-minute load average from /proc/loadavg, or "?" where there is none. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Nearest-rank percentile in milliseconds. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    static String describe(long[] values) {
        return Arrays.toString(values);
    }
}
