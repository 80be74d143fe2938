package dev.incidentintel.app.cli;

import dev.incidentintel.ingest.IngestConfig;
import dev.incidentintel.ingest.kafka.KafkaReplaySink;
import dev.incidentintel.ingest.replay.HttpSink;
import dev.incidentintel.ingest.replay.ReplayFormat;
import dev.incidentintel.ingest.replay.ReplaySink;
import dev.incidentintel.ingest.replay.ReplaySource;
import dev.incidentintel.ingest.replay.Replayer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Replays recorded inputs through ingest's normalisers: in-process into Kafka, or over HTTP to a
 * running ingest. Reading, pacing and tallying live in {@code ingest}'s {@code replay} package;
 * this command only wires options and prints progress and the summary.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Replay files (webhook payloads, logs, the ServiceNow incident log) through ingest into Kafka.")
public final class ReplayCommand implements Callable<Integer> {
    @Mixin EndpointOptions endpoints = new EndpointOptions();

    @Parameters(
            index = "0",
            paramLabel = "PATH",
            description = "A file or a directory (read recursively).")
    Path path;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "alertmanager",
            description =
                    "alertmanager|grafana|pagerduty|opsgenie|ndjson|lifecycle|deploys|logs|servicenow-csv. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--speed",
            paramLabel = "X",
            defaultValue = "0",
            description =
                    "Pace by event time: 1 = real time, 60 = a minute per second; 0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(
            names = "--ingest-url",
            paramLabel = "URL",
            description =
                    "Send over HTTP to a running ingest (e.g. http://127.0.0.1:8080) instead of producing to Kafka directly.")
    String ingestUrl;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "Bearer token for --ingest-url (env INGEST_TOKEN).")
    String token = System.getenv("INGEST_TOKEN");

    @Override
    public Integer call() throws Exception {
        ReplayFormat replayFormat = ReplayFormat.parse(format);
        PrintStream err = System.err;
        ReplaySource.Loaded loaded = ReplaySource.load(path, replayFormat, speed > 0);
        err.printf("replay %s as %s: %s%n", path, replayFormat.cliName(), loaded.description());
        ReplaySink sink;
        if (ingestUrl != null && !ingestUrl.isBlank()) {
            sink = new HttpSink(ingestUrl, token);
        } else if (!endpoints.kafkaBootstrapServers.isBlank()) {
            sink = KafkaReplaySink.open(IngestConfig.defaults(endpoints.kafkaBootstrapServers));
        } else {
            throw new IllegalArgumentException(
                    "set --ingest-url or --kafka-bootstrap-servers (env KAFKA_BOOTSTRAP_SERVERS)");
        }
        Replayer.Summary s;
        long[] lastPrint = {0};
        try (sink) {
            s =
                    new Replayer(
                                    sink,
                                    speed,
                                    d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000))
                            .run(
                                    loaded.items(),
                                    p -> {
                                        long now = System.nanoTime();
                                        if (now - lastPrint[0] > 200_000_000L
                                                || p.done() == p.total()) {
                                            lastPrint[0] = now;
                                            int width = 30;
                                            int filled =
                                                    p.total() == 0
                                                            ? width
                                                            : (int)
                                                                    ((long) p.done()
                                                                            * width
                                                                            / p.total());
                                            err.printf(
                                                    "\r[%s%s] %d/%d requests, %d events accepted, %d rejected",
                                                    "#".repeat(filled),
                                                    ".".repeat(width - filled),
                                                    p.done(),
                                                    p.total(),
                                                    p.acceptedEvents(),
                                                    p.rejectedRequests());
                                        }
                                    });
        }
        err.println();
        System.out.printf(
                Locale.ROOT,
                "replayed %d request(s) in %.1f s: %d accepted (%d events), %d rejected%n",
                s.requests(),
                s.took().toMillis() / 1000.0,
                s.acceptedRequests(),
                s.acceptedEvents(),
                s.rejectedRequests());
        if (s.rejectedParts() > 0) {
            System.out.printf(
                    "  %d line(s) inside accepted requests went to the dead-letter topic%n",
                    s.rejectedParts());
        }
        s.rejectedByReason()
                .forEach((reason, n) -> System.out.printf("  rejected %-20s %d%n", reason, n));
        s.examples().forEach(e -> System.out.println("  e.g. " + e));
        return s.rejectedRequests() == 0 ? 0 : 3;
    }
}
