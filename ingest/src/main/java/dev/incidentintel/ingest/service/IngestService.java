package dev.incidentintel.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.LogEvent;
import dev.incidentintel.events.Scopes;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import dev.incidentintel.ingest.SourceSettings;
import dev.incidentintel.ingest.normalize.AlertmanagerNormalizer;
import dev.incidentintel.ingest.normalize.DeployNormalizer;
import dev.incidentintel.ingest.normalize.GenericMapping;
import dev.incidentintel.ingest.normalize.GenericNormalizer;
import dev.incidentintel.ingest.normalize.GrafanaNormalizer;
import dev.incidentintel.ingest.normalize.JsonBodies;
import dev.incidentintel.ingest.normalize.LabelMapping;
import dev.incidentintel.ingest.normalize.LifecycleNormalizer;
import dev.incidentintel.ingest.normalize.LogNormalizer;
import dev.incidentintel.ingest.normalize.Normalized;
import dev.incidentintel.ingest.normalize.OpsgenieNormalizer;
import dev.incidentintel.ingest.normalize.PagerDutyNormalizer;
import dev.incidentintel.ingest.normalize.PagerDutyWebhookNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases of the ingest stage, free of HTTP: authenticate, parse a body, normalise it, publish
 * every resulting event, report what was accepted. Nothing is published unless the whole body
 * normalised (NDJSON logs excepted: their bad lines go to the DLQ in the same acknowledged
 * publish); the outcome is returned only after the publisher acknowledged every record.
 *
 * <p>Topics and keys: alerts to the alerts topic keyed by {@link AlertEvent#scopeKey()} (one scope
 * in one partition, seen in order by one correlation subtask); lifecycle events keyed by incident
 * id, else alert fingerprint (one incident's steps stay ordered); deploys by their service scope;
 * logs by {@link LogEvent#scopeKey()}; dead letters by endpoint.
 *
 * <p>A body that parsed as JSON but failed normalisation is answered 400 and also written to the
 * DLQ with the reason (asynchronously: the client was told it was rejected, so the dead letter is
 * for operators and best-effort). Bodies that are not JSON, too large or unauthenticated are not
 * dead-lettered: there is nothing an operator could replay, and unauthenticated input must not
 * reach the log.
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final AlertmanagerNormalizer alertmanager;
    private final GrafanaNormalizer grafana;
    private final PagerDutyNormalizer pagerDuty;
    private final OpsgenieNormalizer opsgenie;
    private final GenericNormalizer generic;
    private final LifecycleNormalizer lifecycle = new LifecycleNormalizer();
    private final PagerDutyWebhookNormalizer pagerDutyWebhook = new PagerDutyWebhookNormalizer();
    private final DeployNormalizer deploys = new DeployNormalizer();
    private final LogNormalizer logs = new LogNormalizer();
    private final EventPublisher publisher;
    private final String alertsTopic;
    private final SourceSettings sources;
    private final Authenticator auth;
    private final IngestMetrics metrics;
    private final Clock clock;

    /** Alertmanager only, default source settings (kept for callers of the first version). */
    public IngestService(
            AlertmanagerNormalizer alertmanager,
            EventPublisher publisher,
            String alertsTopic,
            Clock clock) {
        this(
                LabelMapping.defaults(),
                alertmanager,
                publisher,
                alertsTopic,
                SourceSettings.defaults(),
                new IngestMetrics(),
                clock);
    }

    public IngestService(
            LabelMapping labelMapping,
            AlertmanagerNormalizer alertmanager,
            EventPublisher publisher,
            String alertsTopic,
            SourceSettings sources,
            IngestMetrics metrics,
            Clock clock) {
        this.alertmanager = Objects.requireNonNull(alertmanager, "alertmanager");
        this.grafana = new GrafanaNormalizer(alertmanager);
        this.pagerDuty = new PagerDutyNormalizer(labelMapping);
        this.opsgenie = new OpsgenieNormalizer(labelMapping);
        this.generic = new GenericNormalizer(labelMapping);
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        if (alertsTopic == null || alertsTopic.isBlank()) {
            throw new IllegalArgumentException("alertsTopic must not be blank");
        }
        this.alertsTopic = alertsTopic;
        this.sources = Objects.requireNonNull(sources, "sources");
        this.auth = new Authenticator(sources.tokens());
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The counters this service updates. */
    public IngestMetrics metrics() {
        return metrics;
    }

    /** Ingests one Alertmanager webhook body (raw bytes, as received), without credentials. */
    public IngestResult ingestAlertmanager(byte[] body) {
        IngestOutcome outcome = ingest(Endpoint.ALERTMANAGER, body, RequestMeta.none());
        return new IngestResult(outcome.accepted(), outcome.fingerprints());
    }

    /**
     * Ingests one body of {@code endpoint}.
     *
     * @throws IngestException for authentication failures (401/403), bodies that are not valid
     *     input (400, named field), unknown generic integrations (404) and Kafka failures (503)
     */
    public IngestOutcome ingest(Endpoint endpoint, byte[] body, RequestMeta meta) {
        // The receive time is taken first so it does not depend on how large the body was.
        Instant receivedAt = clock.instant();
        String integration =
                endpoint == Endpoint.GENERIC ? meta.integration() : endpoint.integration();
        GenericMapping mapping = null;
        if (endpoint == Endpoint.GENERIC) {
            mapping = sources.generic().get(integration);
            if (mapping == null) {
                throw new IngestException(
                        ErrorCode.UNKNOWN_INTEGRATION,
                        null,
                        "no generic integration named '"
                                + abbreviate(integration)
                                + "' is configured");
            }
        }
        if (endpoint == Endpoint.GITHUB) {
            auth.checkGithub(integration, meta.signature(), meta.bearerToken(), body);
        } else if (endpoint == Endpoint.PAGERDUTY_WEBHOOK) {
            auth.checkPagerDutyWebhook(integration, meta.signature(), meta.bearerToken(), body);
        } else if (endpoint != Endpoint.PAGERDUTY && endpoint != Endpoint.PAGERDUTY_CHANGE) {
            auth.check(integration, meta.bearerToken());
        }

        if (endpoint == Endpoint.LOGS) {
            Normalized n =
                    meta.plainText()
                            ? plainLogs(body, meta.service(), receivedAt)
                            : logs.ndjson(body, meta.service(), receivedAt);
            return publish(endpoint, integration, n, null, receivedAt);
        }

        JsonNode tree = JsonBodies.parse(body);
        String dedupKey = null;
        Normalized normalized;
        try {
            switch (endpoint) {
                case ALERTMANAGER ->
                        normalized = Normalized.ofAlerts(alertmanager.normalize(tree, receivedAt));
                case GRAFANA ->
                        normalized = Normalized.ofAlerts(grafana.normalize(tree, receivedAt));
                case PAGERDUTY, PAGERDUTY_CHANGE -> {
                    // PagerDuty authenticates by the routing key inside the body; check it before
                    // judging
                    // the rest so an unauthenticated sender learns nothing about our validation.
                    // A missing routing key is left to the normaliser: PagerDuty answers that with
                    // 400.
                    String routingKey = routingKeyOrNull(tree);
                    if (routingKey != null) {
                        auth.check(integration, routingKey);
                    }
                    PagerDutyNormalizer.Enqueue e =
                            endpoint == Endpoint.PAGERDUTY
                                    ? pagerDuty.event(tree, receivedAt)
                                    : pagerDuty.change(tree, receivedAt);
                    dedupKey = e.dedupKey();
                    normalized = e.events();
                }
                case OPSGENIE -> normalized = opsgenie.normalize(tree, receivedAt);
                case GENERIC ->
                        normalized =
                                Normalized.ofAlerts(
                                        generic.normalize(integration, mapping, tree, receivedAt));
                case LIFECYCLE ->
                        normalized = Normalized.ofLifecycle(lifecycle.normalize(tree, receivedAt));
                case PAGERDUTY_WEBHOOK -> normalized = pagerDutyWebhook.normalize(tree, receivedAt);
                case DEPLOYS ->
                        normalized = Normalized.ofDeploys(deploys.generic(tree, receivedAt));
                case GITHUB -> {
                    List<DeployEvent> d = deploys.github(tree, receivedAt);
                    normalized = d.isEmpty() ? Normalized.ignoredOne() : Normalized.ofDeploys(d);
                }
                default -> throw new IllegalStateException("unhandled endpoint " + endpoint);
            }
        } catch (IngestException e) {
            if (e.code().clientError()
                    && e.code() != ErrorCode.UNAUTHORIZED
                    && e.code() != ErrorCode.FORBIDDEN) {
                deadLetter(endpoint, integration, e, redacted(endpoint, tree, body), receivedAt);
            }
            throw e;
        }
        return publish(endpoint, integration, normalized, dedupKey, receivedAt);
    }

    /**
     * The body to keep in a dead letter. PagerDuty bodies carry their credential (routing_key)
     * inside; it is replaced so the DLQ topic never holds a secret.
     */
    private static byte[] redacted(Endpoint endpoint, JsonNode tree, byte[] body) {
        if ((endpoint == Endpoint.PAGERDUTY || endpoint == Endpoint.PAGERDUTY_CHANGE)
                && tree instanceof com.fasterxml.jackson.databind.node.ObjectNode obj
                && obj.has("routing_key")) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = obj.deepCopy();
            copy.put("routing_key", "<redacted>");
            return EventJson.toBytes(copy);
        }
        return body;
    }

    private static String routingKeyOrNull(JsonNode tree) {
        JsonNode key = tree.isObject() ? tree.get("routing_key") : null;
        return key != null && key.isTextual() ? key.textValue() : null;
    }

    private Normalized plainLogs(byte[] body, String service, Instant receivedAt) {
        if (service == null || service.isBlank()) {
            throw new IngestException(
                    ErrorCode.MISSING_FIELD,
                    "service",
                    "the service query parameter is required for text/plain logs");
        }
        return logs.text(body, service, receivedAt);
    }

    private IngestOutcome publish(
            Endpoint endpoint,
            String integration,
            Normalized n,
            String dedupKey,
            Instant receivedAt) {
        List<OutboundRecord> records = new ArrayList<>(n.eventCount() + n.rejected().size());
        List<String> fingerprints = new ArrayList<>(n.alerts().size());
        List<String> ids = new ArrayList<>();
        for (AlertEvent a : n.alerts()) {
            records.add(new OutboundRecord(alertsTopic, a.scopeKey(), EventJson.toBytes(a)));
            fingerprints.add(a.fingerprint());
        }
        for (LifecycleEvent l : n.lifecycle()) {
            String key =
                    l.incidentId() != null && !l.incidentId().isBlank()
                            ? l.incidentId()
                            : l.alertFingerprint();
            records.add(new OutboundRecord(sources.lifecycleTopic(), key, EventJson.toBytes(l)));
            ids.add(key);
        }
        for (DeployEvent d : n.deploys()) {
            records.add(
                    new OutboundRecord(
                            sources.deploysTopic(),
                            Scopes.serviceScope(d.environment(), d.service()),
                            EventJson.toBytes(d)));
            ids.add(d.service() + "@" + d.version());
        }
        for (LogEvent l : n.logs()) {
            records.add(
                    new OutboundRecord(sources.logsTopic(), l.scopeKey(), EventJson.toBytes(l)));
        }
        for (Normalized.Rejection r : n.rejected()) {
            DeadLetter letter =
                    DeadLetter.of(
                            receivedAt,
                            endpoint.label(),
                            integration,
                            r.error(),
                            r.message(),
                            r.field(),
                            r.raw());
            records.add(
                    new OutboundRecord(
                            sources.dlqTopic(), endpoint.label(), EventJson.toBytes(letter)));
        }
        long start = System.nanoTime();
        publisher.publish(records);
        if (!records.isEmpty()) {
            metrics.produceLatency(System.nanoTime() - start);
        }
        metrics.accepted(endpoint.label(), n.eventCount());
        metrics.ignored(endpoint.label(), n.ignored());
        metrics.dlq(endpoint.label(), n.rejected().size());
        return new IngestOutcome(
                n.eventCount(),
                n.alerts().isEmpty() && n.eventCount() > 0 ? null : fingerprints,
                ids.isEmpty() ? null : ids,
                n.ignored() == 0 ? null : n.ignored(),
                n.rejected().isEmpty() ? null : n.rejected().size(),
                n.rejected().isEmpty()
                        ? null
                        : n.rejected().stream()
                                .limit(10)
                                .map(
                                        r ->
                                                new Normalized.Rejection(
                                                        r.line(),
                                                        null,
                                                        r.error(),
                                                        r.message(),
                                                        r.field()))
                                .toList(),
                dedupKey);
    }

    private void deadLetter(
            Endpoint endpoint,
            String integration,
            IngestException e,
            byte[] body,
            Instant receivedAt) {
        DeadLetter letter =
                DeadLetter.of(
                        receivedAt,
                        endpoint.label(),
                        integration,
                        e.code().code(),
                        e.getMessage(),
                        e.field(),
                        new String(body, StandardCharsets.UTF_8));
        publisher.publishAsync(
                List.of(
                        new OutboundRecord(
                                sources.dlqTopic(), endpoint.label(), EventJson.toBytes(letter))),
                failure -> {
                    if (failure == null) {
                        metrics.dlq(endpoint.label(), 1);
                    } else {
                        metrics.dlqFailed();
                        LOG.warn(
                                "dead letter for {} not written: {}",
                                endpoint.label(),
                                failure.toString());
                    }
                });
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
