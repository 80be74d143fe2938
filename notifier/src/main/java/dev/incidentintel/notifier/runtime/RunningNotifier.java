package dev.incidentintel.notifier.runtime;

import dev.incidentintel.notifier.Notifier;
import dev.incidentintel.notifier.clickhouse.ClickHouseNotificationStore;
import dev.incidentintel.notifier.http.HttpChannelSender;
import dev.incidentintel.notifier.kafka.IncidentFeedConsumer;
import dev.incidentintel.notifier.routing.NotifyConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier wired to its adapters and running on its own thread: ClickHouse store, HTTP sender,
 * Kafka consumer. Starting restores the notified views and delivers pending notifications before
 * the first poll; closing (idempotent) stops the consumer and waits for the thread.
 */
public final class RunningNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningNotifier.class);

    /**
     * Where the notifier reads and records.
     *
     * @param bootstrapServers Kafka
     * @param topic incident feed topic
     * @param groupId consumer group
     * @param clickhouseUrl JDBC URL of the database holding {@code notifications} (migrated)
     */
    public record Endpoints(
            String bootstrapServers, String topic, String groupId, String clickhouseUrl) {
        public Endpoints {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(clickhouseUrl, "clickhouseUrl");
        }
    }

    /** Consumer group of the notifier unless configured otherwise. */
    public static final String DEFAULT_GROUP = "incident-intel-notifier";

    private final IncidentFeedConsumer consumer;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed =
            new java.util.concurrent.atomic.AtomicBoolean();

    private RunningNotifier(IncidentFeedConsumer consumer) {
        this.consumer = consumer;
        this.thread =
                new Thread(
                        () -> {
                            try {
                                consumer.run();
                            } catch (RuntimeException | Error e) {
                                failure.set(e);
                                LOG.error("notifier stopped: {}", e.toString(), e);
                            }
                        },
                        "incident-intel-notifier");
    }

    /** Restores state, delivers pending notifications, and starts consuming. */
    public static RunningNotifier start(NotifyConfig config, Endpoints endpoints, Clock clock) {
        ClickHouseNotificationStore store =
                new ClickHouseNotificationStore(endpoints.clickhouseUrl(), clock);
        Notifier notifier = new Notifier(config, store, HttpChannelSender.create(), clock);
        int views = notifier.restore();
        int pending = notifier.resumePending();
        LOG.info(
                "notifier: {} incident views restored, {} pending notifications delivered, {} channels",
                views,
                pending,
                config.channels().size());
        RunningNotifier running =
                new RunningNotifier(
                        new IncidentFeedConsumer(
                                endpoints.bootstrapServers(),
                                endpoints.topic(),
                                endpoints.groupId(),
                                notifier));
        running.thread.start();
        return running;
    }

    /** The failure that stopped the consumer thread, or {@code null} while it runs fine. */
    public Throwable failure() {
        return failure.get();
    }

    /** True while the consumer thread runs. */
    public boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        consumer.close();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
