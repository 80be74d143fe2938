package dev.incidentintel.ingest;

import dev.incidentintel.events.Topics;
import dev.incidentintel.ingest.normalize.LabelMapping;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of the ingest server, validated on construction (each message names the bad setting).
 *
 * @param host interface to listen on (default {@value #DEFAULT_HOST})
 * @param port TCP port, 0 for an ephemeral one (default {@value #DEFAULT_PORT})
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param alertsTopic topic for alert events (default {@link Topics#ALERTS})
 * @param maxBodyBytes largest accepted request body; larger ones get 413 (default 5 MiB)
 * @param ackTimeout how long a request waits for Kafka to acknowledge its records before it fails
 *     with 503 (default 10 s)
 * @param retryAfter the {@code Retry-After} advertised with a 503 (default 5 s, whole seconds)
 * @param labelMapping which labels give service, environment, severity and summary
 * @param sources topics, tokens and generic mappings of the other inputs
 */
public record IngestConfig(
        String host,
        int port,
        String bootstrapServers,
        String alertsTopic,
        long maxBodyBytes,
        Duration ackTimeout,
        Duration retryAfter,
        LabelMapping labelMapping,
        SourceSettings sources) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    public IngestConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        if (alertsTopic == null || alertsTopic.isBlank()) {
            throw new IllegalArgumentException("alertsTopic must not be blank");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException(
                    "maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        // The Kafka producer takes its timeouts as int milliseconds.
        if (ackTimeout == null
                || ackTimeout.toMillis() < 1
                || ackTimeout.toMillis() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(
                    "ackTimeout must be between 1 ms and about 12 days, got " + ackTimeout);
        }
        if (retryAfter == null || retryAfter.getSeconds() < 1) {
            throw new IllegalArgumentException(
                    "retryAfter must be at least 1 second, got " + retryAfter);
        }
        Objects.requireNonNull(labelMapping, "labelMapping");
        Objects.requireNonNull(sources, "sources");
    }

    /** Defaults for everything except the Kafka bootstrap servers. */
    public static IngestConfig defaults(String bootstrapServers) {
        return new IngestConfig(
                DEFAULT_HOST,
                DEFAULT_PORT,
                bootstrapServers,
                Topics.ALERTS,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_ACK_TIMEOUT,
                DEFAULT_RETRY_AFTER,
                LabelMapping.defaults(),
                SourceSettings.defaults());
    }

    /** A copy listening on {@code host:port}. */
    public IngestConfig withListen(String newHost, int newPort) {
        return new IngestConfig(
                newHost,
                newPort,
                bootstrapServers,
                alertsTopic,
                maxBodyBytes,
                ackTimeout,
                retryAfter,
                labelMapping,
                sources);
    }

    /** A copy publishing alerts to {@code topic}. */
    public IngestConfig withAlertsTopic(String topic) {
        return new IngestConfig(
                host,
                port,
                bootstrapServers,
                topic,
                maxBodyBytes,
                ackTimeout,
                retryAfter,
                labelMapping,
                sources);
    }

    /** A copy with other source settings. */
    public IngestConfig withSources(SourceSettings newSources) {
        return new IngestConfig(
                host,
                port,
                bootstrapServers,
                alertsTopic,
                maxBodyBytes,
                ackTimeout,
                retryAfter,
                labelMapping,
                newSources);
    }

    /** A copy with another body limit. */
    public IngestConfig withMaxBodyBytes(long bytes) {
        return new IngestConfig(
                host,
                port,
                bootstrapServers,
                alertsTopic,
                bytes,
                ackTimeout,
                retryAfter,
                labelMapping,
                sources);
    }

    /** A copy with another acknowledgement timeout. */
    public IngestConfig withAckTimeout(Duration timeout) {
        return new IngestConfig(
                host,
                port,
                bootstrapServers,
                alertsTopic,
                maxBodyBytes,
                timeout,
                retryAfter,
                labelMapping,
                sources);
    }

    /**
     * Reads settings from properties, defaulting what is absent: {@code ingest.host}, {@code
     * ingest.port}, {@code ingest.kafka.bootstrap-servers} (required), {@code ingest.topic.alerts},
     * {@code ingest.max-body-bytes}, {@code ingest.ack-timeout} and {@code ingest.retry-after}
     * (ISO-8601 durations like {@code PT10S}), and comma-separated {@code ingest.labels.service},
     * {@code ingest.labels.environment}, {@code ingest.labels.severity}, {@code
     * ingest.annotations.summary}.
     */
    public static IngestConfig fromProperties(Properties props) {
        LabelMapping defaults = LabelMapping.defaults();
        return new IngestConfig(
                props.getProperty("ingest.host", DEFAULT_HOST),
                (int) number(props, "ingest.port", DEFAULT_PORT),
                props.getProperty("ingest.kafka.bootstrap-servers"),
                props.getProperty("ingest.topic.alerts", Topics.ALERTS),
                number(props, "ingest.max-body-bytes", DEFAULT_MAX_BODY_BYTES),
                duration(props, "ingest.ack-timeout", DEFAULT_ACK_TIMEOUT),
                duration(props, "ingest.retry-after", DEFAULT_RETRY_AFTER),
                new LabelMapping(
                        list(props, "ingest.labels.service", defaults.serviceLabels()),
                        list(props, "ingest.labels.environment", defaults.environmentLabels()),
                        list(props, "ingest.labels.severity", defaults.severityLabels()),
                        list(props, "ingest.annotations.summary", defaults.summaryAnnotations())),
                SourceSettings.fromProperties(props));
    }

    private static long number(Properties props, String key, long fallback) {
        String raw = props.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + raw + "'", e);
        }
    }

    private static Duration duration(Properties props, String key, Duration fallback) {
        String raw = props.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    key + " must be an ISO-8601 duration like PT10S, got '" + raw + "'", e);
        }
    }

    private static List<String> list(Properties props, String key, List<String> fallback) {
        String raw = props.getProperty(key);
        if (raw == null) {
            return fallback;
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
