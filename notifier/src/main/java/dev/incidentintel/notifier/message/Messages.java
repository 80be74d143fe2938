package dev.incidentintel.notifier.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.notifier.delta.ChangeDetail;
import dev.incidentintel.notifier.delta.Delta;
import dev.incidentintel.notifier.delta.NotificationKind;
import java.util.List;

/**
 * Renders notifications into the JSON each receiver accepts. Pure: data in, JSON out; the HTTP
 * adapter adds headers (signature, idempotency key) and sends.
 *
 * <ul>
 *   <li>Webhook: our own layout (idempotency key, kind, changes, link, the full incident).
 *   <li>Slack incoming webhook: {@code text} (the fallback shown in notifications, required when
 *       {@code blocks} are given) and Block Kit blocks: a {@code header} (plain text, at most 150
 *       characters), {@code section}s with {@code mrkdwn} text (at most 3000) and {@code fields}
 *       (at most 10, each at most 2000). User text is escaped ({@code & < >}) as Slack asks.
 *   <li>PagerDuty Events API v2: {@code routing_key}, {@code event_action} {@code trigger} or
 *       {@code resolve}, {@code dedup_key} = incident id (at most 255 characters) and, for a
 *       trigger, {@code payload.summary} (at most 1024), {@code payload.source}, {@code
 *       payload.severity} (critical, error, warning or info) and optional timestamp, component,
 *       group, class and custom_details.
 * </ul>
 */
public final class Messages {
    static final int SLACK_HEADER_MAX = 150;
    static final int SLACK_TEXT_MAX = 3000;
    static final int SLACK_FIELD_MAX = 2000;
    static final int PD_SUMMARY_MAX = 1024;
    static final int PD_DEDUP_MAX = 255;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Messages() {}

    /**
     * A notification held by a rate limit, as a digest lists it (plain fields, so held rows
     * restored from the store after a restart can be listed too).
     */
    public record Held(
            String idempotencyKey,
            String incidentId,
            String title,
            String priority,
            Severity severity,
            String environment,
            NotificationKind kind,
            String whatChanged,
            String link) {
        /** The held form of {@code d} on one channel. */
        public static Held of(String idempotencyKey, Delta d, String link) {
            Incident i = d.incident();
            return new Held(
                    idempotencyKey,
                    i.id(),
                    i.title(),
                    i.priority(),
                    i.severity(),
                    i.environment(),
                    d.kind(),
                    d.whatChanged(),
                    link);
        }

        String label() {
            return Messages.label(priority, severity, environment);
        }
    }

    // ------------------------------------------------------------------ webhook

    /** The generic webhook body of one notification. */
    public static ObjectNode webhook(Delta d, String channel, String idempotencyKey, String link) {
        ObjectNode body = F.objectNode();
        body.put("idempotency_key", idempotencyKey);
        body.put("channel", channel);
        body.put("kind", d.kind().json());
        body.put("what_changed", d.whatChanged());
        ArrayNode changes = body.putArray("changes");
        for (ChangeDetail c : d.changes()) {
            changes.addObject()
                    .put("change", c.change().json())
                    .put("description", c.description());
        }
        body.put("incident_url", link);
        body.set("incident", EventJson.mapper().valueToTree(d.incident()));
        return body;
    }

    /** The generic webhook body of a digest. */
    public static ObjectNode webhookDigest(String channel, String idempotencyKey, List<Held> held) {
        ObjectNode body = F.objectNode();
        body.put("idempotency_key", idempotencyKey);
        body.put("channel", channel);
        body.put("kind", NotificationKind.DIGEST.json());
        body.put("held", held.size());
        ArrayNode list = body.putArray("notifications");
        for (Held h : held) {
            list.addObject()
                    .put("idempotency_key", h.idempotencyKey())
                    .put("kind", h.kind().json())
                    .put("incident_id", h.incidentId())
                    .put("title", h.title())
                    .put("priority", h.priority())
                    .put("what_changed", h.whatChanged())
                    .put("incident_url", h.link());
        }
        return body;
    }

    // ------------------------------------------------------------------ Slack

    /** A Slack incoming-webhook message for one notification. */
    public static ObjectNode slack(Delta d, String link) {
        Incident i = d.incident();
        String headline = headline(d.kind()) + ": " + i.title();
        ObjectNode body = F.objectNode();
        body.put(
                "text",
                truncate(label(i) + " " + headline + " - " + d.whatChanged(), SLACK_TEXT_MAX));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", truncate(headline, SLACK_HEADER_MAX));
        blocks.add(mrkdwnSection("*What changed:* " + escape(d.whatChanged())));
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Priority", i.priority().isEmpty() ? "none" : i.priority());
        field(fields, "Severity", i.severity().json());
        field(fields, "Environment", i.environment());
        field(fields, "Status", i.status().json());
        field(fields, "Services", String.join(", ", i.services()));
        field(
                fields,
                "Suspect deploy",
                i.suspectDeploys().isEmpty() ? "none" : i.suspectDeploys().get(0).ref());
        field(fields, "Alerts", i.alertCount() + " (" + i.notificationCount() + " notifications)");
        if (!i.team().isEmpty()) {
            field(fields, "Team", i.team());
        }
        if (!link.isEmpty()) {
            blocks.add(
                    mrkdwnSection("<" + escape(link) + "|Open incident " + escape(i.id()) + ">"));
        }
        return body;
    }

    /** A Slack message listing held notifications. */
    public static ObjectNode slackDigest(List<Held> held) {
        String headline = held.size() + " incident notifications held by the rate limit";
        ObjectNode body = F.objectNode();
        body.put("text", headline);
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", truncate(headline, SLACK_HEADER_MAX));
        StringBuilder lines = new StringBuilder();
        for (Held h : held) {
            String title = escape(h.label() + " " + h.title());
            String item =
                    "- "
                            + (h.link().isEmpty()
                                    ? title
                                    : "<" + escape(h.link()) + "|" + title + ">")
                            + ": "
                            + escape(h.whatChanged())
                            + "\n";
            if (lines.length() + item.length() > SLACK_TEXT_MAX - 20) {
                lines.append("- ...");
                break;
            }
            lines.append(item);
        }
        blocks.add(mrkdwnSection(lines.toString().strip()));
        return body;
    }

    // ------------------------------------------------------------------ PagerDuty

    /** A PagerDuty Events API v2 event: trigger for open and update, resolve for resolve. */
    public static ObjectNode pagerDuty(Delta d, String routingKey, String link) {
        Incident i = d.incident();
        ObjectNode body = F.objectNode();
        body.put("routing_key", routingKey);
        body.put("event_action", d.kind() == NotificationKind.RESOLVE ? "resolve" : "trigger");
        body.put("dedup_key", truncate(i.id(), PD_DEDUP_MAX));
        if (d.kind() == NotificationKind.RESOLVE) {
            return body;
        }
        ObjectNode payload = body.putObject("payload");
        payload.put(
                "summary",
                truncate(label(i) + " " + i.title() + " - " + d.whatChanged(), PD_SUMMARY_MAX));
        payload.put("source", "incident-intel/" + i.environment() + "/" + i.services().get(0));
        payload.put("severity", pagerDutySeverity(i.severity()));
        payload.put("timestamp", i.eventTime().toString());
        payload.put("component", i.services().get(0));
        payload.put("group", i.environment());
        payload.put("class", i.category().isEmpty() ? "incident" : i.category());
        ObjectNode details = payload.putObject("custom_details");
        details.put("what_changed", d.whatChanged());
        details.put("priority", i.priority());
        details.put("services", String.join(", ", i.services()));
        details.put("alerts", i.alertCount());
        if (!i.suspectDeploys().isEmpty()) {
            details.put("suspect_deploy", i.suspectDeploys().get(0).ref());
        }
        if (!link.isEmpty()) {
            body.put("client", "incident-intel");
            body.put("client_url", link);
            body.putArray("links").addObject().put("href", link).put("text", "incident " + i.id());
        }
        return body;
    }

    /** A PagerDuty trigger summarising held notifications, deduplicated on the digest key. */
    public static ObjectNode pagerDutyDigest(String routingKey, String digestKey, List<Held> held) {
        Severity worst = Severity.UNKNOWN;
        StringBuilder summary =
                new StringBuilder(held.size() + " incident changes held by the rate limit:");
        for (Held h : held) {
            worst = Severity.max(worst, h.severity());
            summary.append(' ').append(h.title()).append(" (").append(h.kind().json()).append(");");
        }
        ObjectNode body = F.objectNode();
        body.put("routing_key", routingKey);
        body.put("event_action", "trigger");
        body.put("dedup_key", truncate(digestKey, PD_DEDUP_MAX));
        ObjectNode payload = body.putObject("payload");
        payload.put("summary", truncate(summary.toString(), PD_SUMMARY_MAX));
        payload.put("source", "incident-intel/notifier");
        payload.put("severity", pagerDutySeverity(worst));
        return body;
    }

    /** PagerDuty accepts exactly critical, error, warning and info. */
    static String pagerDutySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "critical";
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "info";
            case UNKNOWN -> "warning";
        };
    }

    // ------------------------------------------------------------------ helpers

    private static String headline(NotificationKind kind) {
        return switch (kind) {
            case OPEN -> "Incident opened";
            case UPDATE -> "Incident changed";
            case RESOLVE -> "Incident resolved";
            case DIGEST -> "Incident digest";
        };
    }

    private static String label(Incident i) {
        return label(i.priority(), i.severity(), i.environment());
    }

    static String label(String priority, Severity severity, String environment) {
        return "[" + (priority.isEmpty() ? severity.json() : priority) + "][" + environment + "]";
    }

    private static ObjectNode mrkdwnSection(String text) {
        ObjectNode section = F.objectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", truncate(text, SLACK_TEXT_MAX));
        return section;
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject()
                .put("type", "mrkdwn")
                .put("text", truncate("*" + name + "*\n" + escape(value), SLACK_FIELD_MAX));
    }

    /** Slack reads {@code & < >} as markup ({@code <!channel>} would ping everyone). */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    /** The JSON bytes of a rendered message. */
    public static byte[] bytes(JsonNode message) {
        return EventJson.toBytes(message);
    }
}
