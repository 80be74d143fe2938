package dev.incidentintel.app.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentintel.events.fingerprint.Fingerprints;
import dev.incidentintel.events.json.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample the demo replays: six episodes over the three hours before {@code now}, sent as
 * Alertmanager webhook v4 payloads in the order Alertmanager would send them. It contains an alert
 * storm (one service, five alerts, repeats), a slow database incident, a flapping alert, a second
 * episode of an earlier service after a quiet period, a still-open staging alert and a single short
 * alert.
 *
 * <p>With the default 5 minute group gap the correlation job should turn it into {@link
 * #expectedIncidents()} incidents, {@link #expectedOpen()} of them still open.
 */
public final class DemoScenario {

    /** One webhook call: when Alertmanager would send it and the JSON body. */
    public record Notification(Instant sendAt, String service, int alerts, String body) {}

    private final Instant base;
    private final List<Notification> notifications = new ArrayList<>();

    private DemoScenario(Instant now) {
        this.base = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        build();
        notifications.sort(Comparator.comparing(Notification::sendAt));
    }

    /** The sample relative to {@code now}. */
    public static DemoScenario relativeTo(Instant now) {
        return new DemoScenario(now);
    }

    public List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    /** Alert notifications in the sample (one per alert per webhook call). */
    public int alertNotifications() {
        return notifications.stream().mapToInt(Notification::alerts).sum();
    }

    public int expectedIncidents() {
        return 6;
    }

    public int expectedOpen() {
        return 1;
    }

    /** Start of the sample's time range. */
    public Instant from() {
        return base;
    }

    private Instant at(int minutes) {
        return base.plus(Duration.ofMinutes(minutes));
    }

    private Instant at(int minutes, int seconds) {
        return at(minutes).plusSeconds(seconds);
    }

    private void build() {
        // 1. Checkout storm: latency, errors and three crash-looping pods; Alertmanager repeats the
        // group, then everything resolves. One incident, resolved 25 minutes after detection.
        Alert latency =
                new Alert(
                        "CheckoutHighLatency",
                        "checkout",
                        "prod",
                        "critical",
                        "p99 latency above 2s",
                        at(10));
        Alert errors =
                new Alert(
                        "CheckoutErrorRate",
                        "checkout",
                        "prod",
                        "critical",
                        "5xx ratio above 5%",
                        at(11));
        Alert podA =
                new Alert(
                                "PodCrashLooping",
                                "checkout",
                                "prod",
                                "warning",
                                "pod restarting",
                                at(12))
                        .with("pod", "checkout-7d9f-a");
        Alert podB =
                new Alert(
                                "PodCrashLooping",
                                "checkout",
                                "prod",
                                "warning",
                                "pod restarting",
                                at(12, 30))
                        .with("pod", "checkout-7d9f-b");
        Alert podC =
                new Alert(
                                "PodCrashLooping",
                                "checkout",
                                "prod",
                                "warning",
                                "pod restarting",
                                at(13))
                        .with("pod", "checkout-7d9f-c");
        send(at(10, 30), "firing", latency);
        send(at(11, 30), "firing", latency, errors);
        send(at(13, 30), "firing", latency, errors, podA, podB, podC);
        send(at(18, 30), "firing", latency, errors, podA, podB, podC); // repeat
        send(
                at(30, 30),
                "resolved",
                podA.resolvedAt(at(30)),
                podB.resolvedAt(at(30)),
                podC.resolvedAt(at(30)));
        send(at(32, 30), "resolved", errors.resolvedAt(at(32)));
        send(at(35, 30), "resolved", latency.resolvedAt(at(35)));

        // 2. Payments database: replication lag, then disk; resolved 48 minutes after detection.
        Alert lag =
                new Alert(
                        "PostgresReplicationLag",
                        "payments-db",
                        "prod",
                        "error",
                        "replica 120s behind",
                        at(40));
        Alert disk =
                new Alert(
                        "DiskWillFillIn4Hours",
                        "payments-db",
                        "prod",
                        "warning",
                        "volume /data fills in 4h",
                        at(43));
        send(at(40, 30), "firing", lag);
        send(at(43, 30), "firing", lag, disk);
        send(at(70, 30), "resolved", lag.resolvedAt(at(70)));
        send(at(88, 30), "resolved", disk.resolvedAt(at(88)));

        // 3. Search: latency flaps while the queue alert keeps the incident open; resolved after 15
        // min.
        Alert searchLatency =
                new Alert(
                        "SearchHighLatency",
                        "search",
                        "prod",
                        "warning",
                        "p95 above 800ms",
                        at(100));
        Alert queue =
                new Alert(
                        "SearchQueueDepth",
                        "search",
                        "prod",
                        "warning",
                        "indexing queue above 10k",
                        at(101));
        send(at(100, 30), "firing", searchLatency);
        send(at(101, 30), "firing", searchLatency, queue);
        send(at(104, 30), "resolved", searchLatency.resolvedAt(at(104)));
        Alert searchLatencyAgain = searchLatency.restartedAt(at(106));
        send(at(106, 30), "firing", searchLatencyAgain, queue);
        send(
                at(115, 30),
                "resolved",
                searchLatencyAgain.resolvedAt(at(115)),
                queue.resolvedAt(at(115)));

        // 4. Checkout again, long after the storm: a new incident, resolved after 6 minutes.
        Alert errorsAgain = errors.restartedAt(at(130));
        send(at(130, 30), "firing", errorsAgain);
        send(at(136, 30), "resolved", errorsAgain.resolvedAt(at(136)));

        // 5. Staging certificate: still firing at the end of the sample.
        Alert cert =
                new Alert(
                        "CertificateExpiringSoon",
                        "auth",
                        "staging",
                        "warning",
                        "TLS certificate expires in 6 days",
                        at(150));
        send(at(150, 30), "firing", cert);
        send(at(170, 30), "firing", cert); // repeat

        // 6. Notifications: consumer lag for nine minutes.
        Alert consumerLag =
                new Alert(
                        "KafkaConsumerLag",
                        "notifications",
                        "prod",
                        "error",
                        "consumer group 50k behind",
                        at(160));
        send(at(160, 30), "firing", consumerLag);
        send(at(169, 30), "resolved", consumerLag.resolvedAt(at(169)));
    }

    private void send(Instant sendAt, String status, Alert... alerts) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        Alert first = alerts[0];
        body.put("version", "4");
        body.put("receiver", "incident-intel");
        body.put("status", status);
        body.put("groupKey", "{}:{service=\"" + first.service + "\"}");
        body.put("externalURL", "http://alertmanager.example:9093");
        body.putObject("groupLabels").put("service", first.service);
        body.putObject("commonLabels")
                .put("service", first.service)
                .put("environment", first.environment);
        body.putObject("commonAnnotations");
        ArrayNode list = body.putArray("alerts");
        for (Alert a : alerts) {
            list.add(a.json());
        }
        notifications.add(
                new Notification(sendAt, first.service, alerts.length, EventJson.toJson(body)));
    }

    /** One alert as Alertmanager describes it. */
    private static final class Alert {
        final String name;
        final String service;
        final String environment;
        final String severity;
        final String summary;
        final Instant startsAt;
        final Map<String, String> labels = new LinkedHashMap<>();
        Instant endsAt;

        Alert(
                String name,
                String service,
                String environment,
                String severity,
                String summary,
                Instant startsAt) {
            this.name = name;
            this.service = service;
            this.environment = environment;
            this.severity = severity;
            this.summary = summary;
            this.startsAt = startsAt;
            labels.put("alertname", name);
            labels.put("service", service);
            labels.put("environment", environment);
            labels.put("severity", severity);
        }

        Alert with(String label, String value) {
            labels.put(label, value);
            return this;
        }

        Alert resolvedAt(Instant end) {
            Alert copy = restartedAt(startsAt);
            copy.endsAt = end;
            return copy;
        }

        Alert restartedAt(Instant start) {
            Alert copy = new Alert(name, service, environment, severity, summary, start);
            copy.labels.putAll(labels);
            return copy;
        }

        ObjectNode json() {
            ObjectNode a = EventJson.mapper().createObjectNode();
            a.put("status", endsAt == null ? "firing" : "resolved");
            ObjectNode l = a.putObject("labels");
            labels.forEach(l::put);
            a.putObject("annotations").put("summary", summary);
            a.put("startsAt", startsAt.toString());
            a.put("endsAt", endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString());
            a.put("generatorURL", "http://prometheus.example:9090/graph?g0.expr=" + name);
            // Alertmanager sends its own label-set fingerprint; the demo uses the project's
            // function.
            a.put("fingerprint", Fingerprints.ofLabels(labels));
            return a;
        }
    }
}
