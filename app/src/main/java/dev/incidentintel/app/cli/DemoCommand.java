package dev.incidentintel.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.app.demo.ApiClient;
import dev.incidentintel.app.demo.DemoReport;
import dev.incidentintel.app.demo.DemoScenario;
import dev.incidentintel.app.runtime.Pipeline;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.events.Topics;
import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.notifier.routing.NotifyConfig;
import dev.incidentintel.notifier.runtime.RunningNotifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Starts the whole pipeline on embedded defaults, replays the sample through the real ingest HTTP
 * endpoint, waits until the incidents are visible through the API, and prints the feed and the KPI
 * table.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start Kafka, ClickHouse, the Flink job, ingest and the API on this machine, replay a sample",
            "alert storm and print the incident feed and MTTR figures. Ctrl-C stops everything."
        })
public final class DemoCommand implements Callable<Integer> {
    @Mixin EndpointOptions endpoints = new EndpointOptions();

    @Option(
            names = "--exit",
            description = "Exit 0 once the sample has been replayed and printed (non-interactive).")
    boolean exit;

    @Option(names = "--no-sample", description = "Start everything empty and wait.")
    boolean noSample;

    @Option(
            names = "--keep-data",
            description = "Keep the embedded Kafka/ClickHouse data of the previous demo run.")
    boolean keepData;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description =
                    "How long to wait for the sample's incidents to appear, ISO-8601. Default: ${DEFAULT-VALUE}.")
    String timeout = "PT90S";

    @Option(
            names = "--notify-config",
            paramLabel = "FILE",
            description =
                    "Also run the notifier with these channels (YAML/JSON, see notifier/notify.sample.yaml).")
    Path notifyConfig;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path home = Home.path().resolve("demo");
        if (!keepData) {
            deleteRecursively(home);
        }
        out.println("incident-intel demo: starting the pipeline");
        Pipeline pipeline =
                Pipeline.start(
                        new Pipeline.Options(
                                home,
                                endpoints.kafkaBootstrapServers,
                                endpoints.clickhouseUrl,
                                ApiConfig.DEFAULT_DATABASE,
                                endpoints.bindHost,
                                endpoints.ingestPort,
                                endpoints.apiPort,
                                new GroupingOptions(
                                        Duration.parse(endpoints.groupGap),
                                        GroupingOptions.DEFAULT_STALE_AFTER),
                                Duration.ofSeconds(5),
                                true),
                        out);
        Shutdown.closeOnExit(pipeline);
        RunningNotifier notifier = null;
        if (notifyConfig != null) {
            NotifyConfig config = NotifyConfig.load(notifyConfig, System.getenv());
            notifier =
                    NotifyCommand.start(
                            config,
                            pipeline.kafkaBootstrapServers(),
                            Topics.INCIDENTS,
                            RunningNotifier.DEFAULT_GROUP,
                            pipeline.clickhouseUrl());
            Shutdown.closeOnExit(notifier);
            for (var c : config.channels()) {
                out.println("  notifier    " + NotifyCommand.describe(c));
            }
        }
        out.println();
        out.println(
                "  ingest   "
                        + pipeline.ingestUrl()
                        + "  (POST /api/v1/alerts/alertmanager, GET /health)");
        out.println(
                "  API      "
                        + pipeline.apiUrl()
                        + "  (GET /api/v1/incidents, /api/v1/kpi/mttx?groupBy=service)");
        out.println();
        int code = 0;
        if (!noSample) {
            code = replayAndReport(pipeline);
            if (notifier != null) {
                printNotifications(new ApiClient(pipeline.ingestUrl(), pipeline.apiUrl()));
            }
            out.printf("demo finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        if (exit) {
            if (notifier != null) {
                notifier.close();
            }
            pipeline.close();
            return code;
        }
        out.println(
                "Everything is running; Ctrl-C stops it and removes no data (see .incident-intel/demo).");
        Shutdown.closeOnExitAndWait(pipeline);
        return code;
    }

    private int replayAndReport(Pipeline pipeline) throws Exception {
        DemoScenario scenario = DemoScenario.relativeTo(Instant.now());
        ApiClient client = new ApiClient(pipeline.ingestUrl(), pipeline.apiUrl());
        long t0 = System.nanoTime();
        for (DemoScenario.Notification n : scenario.notifications()) {
            HttpResponse<String> response = client.postAlertmanager(n.body());
            if (response.statusCode() != 202) {
                throw new IOException(
                        "ingest answered "
                                + response.statusCode()
                                + " to a sample webhook: "
                                + response.body());
            }
        }
        out.printf(
                "replayed %d Alertmanager webhooks (%d alert notifications, %d services) through ingest in %.2f s%n",
                scenario.notifications().size(),
                scenario.alertNotifications(),
                scenario.notifications().stream()
                        .map(DemoScenario.Notification::service)
                        .distinct()
                        .count(),
                (System.nanoTime() - t0) / 1e9);

        long waitStart = System.nanoTime();
        long deadline = waitStart + Duration.parse(timeout).toNanos();
        JsonNode incidents;
        while (true) {
            incidents = client.incidents(100);
            if (settled(incidents, scenario) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250);
        }
        boolean ok = settled(incidents, scenario);
        out.printf(
                "incidents visible through the API after %.2f s%n%n",
                (System.nanoTime() - waitStart) / 1e9);
        out.println("Incident feed (newest first):");
        DemoReport.printFeed(incidents, out);
        out.println();
        out.printf(
                "Noise: %d alert notifications -> %d incidents (%.0f%% fewer things to look at)%n%n",
                scenario.alertNotifications(),
                incidents.size(),
                100.0 * (1 - incidents.size() / (double) scenario.alertNotifications()));
        out.println(
                "Time to resolve by service (GET /api/v1/kpi/mttx?groupBy=service; definitions in docs/METRICS.md):");
        DemoReport.printMttx(
                client.mttx(
                        scenario.from().minus(Duration.ofHours(1)),
                        Instant.now().plusSeconds(60),
                        "service"),
                out);
        out.println();
        if (!ok) {
            out.printf(
                    "demo: expected %d incidents (%d open) within %s but the API shows the above%n",
                    scenario.expectedIncidents(), scenario.expectedOpen(), timeout);
            return 1;
        }
        return 0;
    }

    /**
     * Waits until the notifier has settled (same list for 8 s, nothing pending; at most 60 s) and
     * prints what it decided, per outcome and channel, as {@code GET /api/v1/notifications} lists
     * it.
     */
    private void printNotifications(ApiClient client) throws Exception {
        // The job commits the incident feed with each checkpoint (every 5 s here), so the list must
        // stay
        // unchanged for longer than that before it counts as settled.
        String last = "";
        int unchanged = 0;
        JsonNode list = null;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                System.nanoTime() < deadline; ) {
            list = client.get("/api/v1/notifications?limit=500").path("notifications");
            String now = list.toString();
            unchanged =
                    now.equals(last) && !now.contains("\"outcome\":\"pending\"")
                            ? unchanged + 1
                            : 0;
            if (unchanged >= 4 && list.size() > 0) {
                break;
            }
            last = now;
            Thread.sleep(2000);
        }
        java.util.Map<String, Integer> byOutcome = new java.util.TreeMap<>();
        java.util.Map<String, Integer> byChannel = new java.util.TreeMap<>();
        for (JsonNode n : list) {
            byOutcome.merge(n.path("outcome").asText(), 1, Integer::sum);
            byChannel.merge(n.path("channel").asText(), 1, Integer::sum);
        }
        out.printf(
                "Notifications (GET /api/v1/notifications): %d decisions, by outcome %s, by channel %s%n",
                list.size(), byOutcome, byChannel);
        for (JsonNode n : list) {
            out.printf(
                    "  %-9s %-14s %-12s %s: %s%n",
                    n.path("kind").asText(),
                    n.path("channel").asText(),
                    n.path("outcome").asText(),
                    n.path("title").asText(),
                    n.path("whatChanged").asText());
        }
        out.println();
    }

    private static boolean settled(JsonNode incidents, DemoScenario scenario) {
        if (incidents.size() != scenario.expectedIncidents()) {
            return false;
        }
        int open = 0;
        for (JsonNode i : incidents) {
            if (!i.path("status").asText().equals("resolved")) {
                open++;
            }
        }
        return open == scenario.expectedOpen();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
