package dev.incidentintel.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty webhooks v3 ({@code {"event": {"id", "event_type", "occurred_at", "agent", "data"}}})
 * as lifecycle events, so teams on PagerDuty get acknowledge and resolve times.
 *
 * <p>Mapping: {@code incident.triggered} -> open, {@code .acknowledged} -> ack, {@code
 * .unacknowledged} -> unack, {@code .reassigned} -> assign, {@code .escalated} -> escalate, {@code
 * .priority_updated} -> comment (the new priority in {@code attributes.priority} and the note),
 * {@code .annotated} -> comment, {@code .reopened} -> reopen, {@code .resolved} -> resolve; other
 * event types (and non-incident resources) are acknowledged and ignored. Fields: incidentId =
 * {@code data.id} verbatim (PagerDuty's incident id), alertFingerprint = {@code data.incident_key}
 * when present (the Events API dedup key, linking to the alert we ingested), time = {@code
 * occurred_at}, actor = {@code agent.summary}, team = first {@code teams[].summary}, for reassign
 * the actor is the first assignee. Attributes: title, service, priority, urgency, status, number,
 * html_url, event_id, escalation_policy; absent ones are left out.
 */
public final class PagerDutyWebhookNormalizer {
    /** Value of {@code source} on events from this normaliser. */
    public static final String SOURCE = "pagerduty";

    /** Normalises one webhook delivery. */
    public Normalized normalize(JsonNode body, Instant receivedAt) {
        JsonFields root = JsonFields.root(body);
        JsonFields event = root.requiredObject("event");
        String type = event.requiredText("event_type");
        LifecycleAction action = action(type);
        String resource = event.optionalText("resource_type").orElse("incident");
        if (action == null || !"incident".equals(resource)) {
            return Normalized.ignoredOne();
        }
        JsonFields data = event.requiredObject("data");
        String incidentId = data.requiredText("id");
        String incidentKey =
                data.optionalScalar("incident_key").filter(k -> !k.isBlank()).orElse(null);
        Instant time =
                PagerDutyNormalizer.time(
                        event.requiredText("occurred_at"), event.path("occurred_at"), receivedAt);
        String actor =
                event.optionalObject("agent").flatMap(a -> a.optionalScalar("summary")).orElse("");
        String assignee =
                data.optionalArray("assignees")
                        .filter(a -> !a.isEmpty())
                        .map(a -> a.get(0).path("summary").asText(""))
                        .orElse("");
        if (action == LifecycleAction.ASSIGN && !assignee.isEmpty()) {
            actor = assignee;
        }
        String team =
                data.optionalArray("teams")
                        .filter(t -> !t.isEmpty())
                        .map(t -> t.get(0).path("summary").asText(""))
                        .orElse("");
        Map<String, String> attributes = new LinkedHashMap<>();
        data.optionalScalar("title").ifPresent(v -> attributes.put("title", v));
        data.optionalObject("service")
                .flatMap(s -> s.optionalScalar("summary"))
                .ifPresent(v -> attributes.put("service", v));
        data.optionalObject("priority")
                .flatMap(p -> p.optionalScalar("summary"))
                .ifPresent(v -> attributes.put("priority", v));
        data.optionalScalar("urgency").ifPresent(v -> attributes.put("urgency", v));
        data.optionalScalar("status").ifPresent(v -> attributes.put("status", v));
        data.optionalScalar("number").ifPresent(v -> attributes.put("number", v));
        data.optionalScalar("html_url").ifPresent(v -> attributes.put("html_url", v));
        data.optionalObject("escalation_policy")
                .flatMap(p -> p.optionalScalar("summary"))
                .ifPresent(v -> attributes.put("escalation_policy", v));
        event.optionalScalar("id").ifPresent(v -> attributes.put("event_id", v));
        String note =
                type.equals("incident.priority_updated") && attributes.containsKey("priority")
                        ? "priority changed to " + attributes.get("priority")
                        : "";
        return Normalized.ofLifecycle(
                List.of(
                        new LifecycleEvent(
                                LifecycleEvent.SCHEMA_VERSION,
                                SOURCE,
                                time,
                                incidentId,
                                incidentKey,
                                action,
                                actor,
                                team,
                                null,
                                note,
                                attributes)));
    }

    private static LifecycleAction action(String type) {
        switch (type) {
            case "incident.triggered":
                return LifecycleAction.OPEN;
            case "incident.acknowledged":
                return LifecycleAction.ACK;
            case "incident.unacknowledged":
                return LifecycleAction.UNACK;
            case "incident.reassigned":
                return LifecycleAction.ASSIGN;
            case "incident.escalated":
                return LifecycleAction.ESCALATE;
            case "incident.priority_updated":
            case "incident.annotated":
                return LifecycleAction.COMMENT;
            case "incident.reopened":
                return LifecycleAction.REOPEN;
            case "incident.resolved":
                return LifecycleAction.RESOLVE;
            default:
                return null;
        }
    }
}
