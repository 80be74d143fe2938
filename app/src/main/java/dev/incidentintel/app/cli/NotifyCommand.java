package dev.incidentintel.app.cli;

import dev.incidentintel.events.Topics;
import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import dev.incidentintel.notifier.routing.ChannelConfig;
import dev.incidentintel.notifier.routing.NotifyConfig;
import dev.incidentintel.notifier.runtime.RunningNotifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the notifier: consumes {@code incidents.v1} and notifies the configured webhook, Slack and
 * PagerDuty channels of each incident's open, material changes and resolve, recording every
 * decision in ClickHouse {@code notifications} (schema migrated first).
 */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description =
                "Send incident notifications (webhook, Slack, PagerDuty) from incidents.v1 until Ctrl-C.")
public final class NotifyCommand implements Callable<Integer> {
    @Mixin EndpointOptions endpoints = new EndpointOptions();

    @Option(
            names = "--notify-config",
            paramLabel = "FILE",
            description =
                    "Channels and rules, YAML or JSON (example: notifier/notify.sample.yaml); env NOTIFY_CONFIG.")
    Path notifyConfig;

    @Option(
            names = "--notify-group",
            description = "Kafka consumer group (env NOTIFY_GROUP). Default: ${DEFAULT-VALUE}.")
    String group = RunningNotifier.DEFAULT_GROUP;

    @Option(
            names = "--incidents-topic",
            description = "Incident feed topic (env INCIDENTS_TOPIC). Default: ${DEFAULT-VALUE}.")
    String topic = Topics.INCIDENTS;

    @Override
    public Integer call() throws Exception {
        if (notifyConfig == null) {
            throw new IllegalArgumentException(
                    "no channels configured: set --notify-config FILE or NOTIFY_CONFIG");
        }
        if (endpoints.kafkaBootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "no Kafka configured: set --kafka-bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
        }
        NotifyConfig config = NotifyConfig.load(notifyConfig, System.getenv());
        String url =
                endpoints.clickhouseUrl.isBlank()
                        ? ApiConfig.DEFAULT_CLICKHOUSE_URL
                        : endpoints.clickhouseUrl;
        RunningNotifier notifier =
                start(config, endpoints.kafkaBootstrapServers, topic, group, url);
        System.out.printf(
                "notifier: %s -> %s; decisions in ClickHouse %s (notifications); Ctrl-C to stop%n",
                topic,
                String.join(", ", config.channels().stream().map(NotifyCommand::describe).toList()),
                url);
        Shutdown.closeOnExitAndWait(notifier);
        return 0;
    }

    /** Migrates the schema (the notifications table) and starts the notifier; shared with demo. */
    static RunningNotifier start(
            NotifyConfig config, String kafka, String topic, String group, String clickhouseUrl) {
        SchemaMigrator.fromClasspath(ClickHouseConnections.of(ClickHouseUrl.parse(clickhouseUrl)))
                .migrate();
        return RunningNotifier.start(
                config,
                new RunningNotifier.Endpoints(kafka, topic, group, clickhouseUrl),
                Clock.systemUTC());
    }

    /** One line per channel, for start-up messages. */
    static String describe(ChannelConfig c) {
        return c.name() + " (" + c.kind().json() + ", " + c.endpoint() + ")";
    }
}
