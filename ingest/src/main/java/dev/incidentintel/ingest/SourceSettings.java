package dev.incidentintel.ingest;

import dev.incidentintel.events.Topics;
import dev.incidentintel.ingest.normalize.GenericMapping;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the inputs beyond Alertmanager: the topics of lifecycle, deploy, log and dead-letter
 * records, the per-integration tokens, and the generic JSON mappings.
 *
 * <p>Tokens: {@code tokens.get(integration)} lists the accepted secrets of one integration ({@code
 * alertmanager}, {@code grafana}, {@code pagerduty} (routing keys), {@code opsgenie}, {@code
 * lifecycle}, {@code pagerduty_webhook} (v3 webhook signing secrets, checked as {@code
 * X-PagerDuty-Signature}), {@code deploys}, {@code github} (webhook secrets, checked as {@code
 * X-Hub-Signature-256}), {@code logs}, or a generic integration's name). An integration without
 * tokens is open, which keeps local setups and the demo simple; production configurations set them.
 * Tokens are secrets: {@link #toString()} masks them and nothing logs them.
 */
public record SourceSettings(
        String lifecycleTopic,
        String deploysTopic,
        String logsTopic,
        String dlqTopic,
        Map<String, List<String>> tokens,
        Map<String, GenericMapping> generic) {

    public SourceSettings {
        requireTopic(lifecycleTopic, "lifecycleTopic");
        requireTopic(deploysTopic, "deploysTopic");
        requireTopic(logsTopic, "logsTopic");
        requireTopic(dlqTopic, "dlqTopic");
        tokens = Map.copyOf(tokens == null ? Map.of() : tokens);
        tokens.forEach(
                (integration, list) -> {
                    if (list.stream().anyMatch(t -> t == null || t.isBlank())) {
                        throw new IllegalArgumentException(
                                "tokens of " + integration + " must not be blank");
                    }
                });
        generic = Map.copyOf(generic == null ? Map.of() : generic);
    }

    /** Default topics, no tokens, no generic integrations. */
    public static SourceSettings defaults() {
        return new SourceSettings(
                Topics.LIFECYCLE, Topics.DEPLOYS, Topics.LOGS, Topics.DLQ, Map.of(), Map.of());
    }

    /** A copy with {@code integration} accepting {@code accepted} tokens. */
    public SourceSettings withTokens(String integration, List<String> accepted) {
        Map<String, List<String>> copy = new LinkedHashMap<>(tokens);
        copy.put(integration, List.copyOf(accepted));
        return new SourceSettings(lifecycleTopic, deploysTopic, logsTopic, dlqTopic, copy, generic);
    }

    /** A copy with a generic integration. */
    public SourceSettings withGeneric(String integration, GenericMapping mapping) {
        Map<String, GenericMapping> copy = new LinkedHashMap<>(generic);
        copy.put(integration, mapping);
        return new SourceSettings(lifecycleTopic, deploysTopic, logsTopic, dlqTopic, tokens, copy);
    }

    /** A copy with every topic prefixed by {@code prefix} (tests use one fresh set per test). */
    public SourceSettings withTopics(String lifecycle, String deploys, String logs, String dlq) {
        return new SourceSettings(lifecycle, deploys, logs, dlq, tokens, generic);
    }

    /**
     * Reads {@code ingest.topic.lifecycle|deploys|logs|dlq}, {@code
     * ingest.auth.<integration>.tokens} (comma-separated) and {@code
     * ingest.generic.<integration>.<field>} (see {@link GenericMapping}).
     */
    public static SourceSettings fromProperties(Properties props) {
        Map<String, List<String>> tokens = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("ingest.auth.") && key.endsWith(".tokens")) {
                String integration =
                        key.substring("ingest.auth.".length(), key.length() - ".tokens".length());
                tokens.put(
                        integration,
                        Arrays.stream(props.getProperty(key).split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList());
            }
        }
        return new SourceSettings(
                props.getProperty("ingest.topic.lifecycle", Topics.LIFECYCLE),
                props.getProperty("ingest.topic.deploys", Topics.DEPLOYS),
                props.getProperty("ingest.topic.logs", Topics.LOGS),
                props.getProperty("ingest.topic.dlq", Topics.DLQ),
                tokens,
                GenericMapping.fromProperties(props));
    }

    private static void requireTopic(String topic, String field) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    @Override
    public String toString() {
        // Never print the secrets themselves.
        Map<String, Integer> counts = new LinkedHashMap<>();
        tokens.forEach((k, v) -> counts.put(k, v.size()));
        return "SourceSettings[lifecycleTopic="
                + lifecycleTopic
                + ", deploysTopic="
                + deploysTopic
                + ", logsTopic="
                + logsTopic
                + ", dlqTopic="
                + dlqTopic
                + ", tokenCounts="
                + counts
                + ", generic="
                + generic.keySet()
                + "]";
    }
}
