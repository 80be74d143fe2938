package dev.incidentintel.notifier.message;

import static dev.incidentintel.notifier.testing.Incidents.next;
import static dev.incidentintel.notifier.testing.Incidents.opened;
import static dev.incidentintel.notifier.testing.Incidents.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.notifier.delta.Delta;
import dev.incidentintel.notifier.delta.DeltaPolicy;
import dev.incidentintel.notifier.delta.NotifiedView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final String LINK = "http://incidents.example.com/i/i-1";
    private final DeltaPolicy policy = DeltaPolicy.defaults();

    private Delta changed() {
        Incident v1 = opened("i-1");
        Incident v2 =
                next(v1).priority("P1")
                        .suspectDeploys(List.of(suspect("checkout", "1.2.3")))
                        .build();
        return policy.decide(NotifiedView.of(v1), v2).orElseThrow();
    }

    @Test
    void pagerDutyTriggerHasTheFieldsEventsV2Requires() {
        JsonNode e = Messages.pagerDuty(changed(), "RKEY", LINK);
        assertThat(e.get("routing_key").asText()).isEqualTo("RKEY");
        assertThat(e.get("event_action").asText()).isEqualTo("trigger");
        assertThat(e.get("dedup_key").asText()).isEqualTo("i-1");
        JsonNode p = e.get("payload");
        assertThat(p.get("summary").asText())
                .isEqualTo(
                        "[P1][prod] HighErrorRate on checkout - priority P3 -> P1; suspect deploy checkout@1.2.3");
        assertThat(p.get("source").asText()).isEqualTo("incident-intel/prod/checkout");
        assertThat(p.get("severity").asText()).isIn("critical", "error", "warning", "info");
        assertThat(p.get("timestamp").asText()).isEqualTo("2026-11-24T10:01:00Z");
        assertThat(e.get("links").get(0).get("href").asText()).isEqualTo(LINK);
    }

    @Test
    void pagerDutyResolveCarriesOnlyKeyActionAndDedupKey() {
        Incident v1 = opened("i-1");
        Delta resolved =
                policy.decide(NotifiedView.of(v1), next(v1).status(IncidentStatus.RESOLVED).build())
                        .orElseThrow();
        JsonNode e = Messages.pagerDuty(resolved, "RKEY", LINK);
        List<String> fields = new ArrayList<>();
        e.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("routing_key", "event_action", "dedup_key");
        assertThat(e.get("event_action").asText()).isEqualTo("resolve");
    }

    @Test
    void pagerDutySummaryIsCutTo1024Characters() {
        Incident v1 = opened("i-1").toBuilder().title("x".repeat(2000)).build();
        Delta d = policy.decide(null, v1).orElseThrow();
        assertThat(Messages.pagerDuty(d, "RKEY", LINK).get("payload").get("summary").asText())
                .hasSize(1024);
    }

    @Test
    void slackMessageHasFallbackTextHeaderFieldsAndLink() {
        JsonNode m = Messages.slack(changed(), LINK);
        assertThat(m.get("text").asText())
                .startsWith("[P1][prod] Incident changed: HighErrorRate on checkout");
        JsonNode blocks = m.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(1).get("text").get("text").asText())
                .isEqualTo(
                        "*What changed:* priority P3 -&gt; P1; suspect deploy checkout@1.2.3"); // Slack shows "->"
        List<String> fields = new ArrayList<>();
        blocks.get(2).get("fields").forEach(f -> fields.add(f.get("text").asText()));
        assertThat(fields)
                .contains(
                        "*Priority*\nP1",
                        "*Services*\ncheckout",
                        "*Suspect deploy*\ncheckout@1.2.3");
        assertThat(fields.size()).isLessThanOrEqualTo(10);
        assertThat(blocks.get(3).get("text").get("text").asText())
                .isEqualTo("<" + LINK + "|Open incident i-1>");
    }

    @Test
    void slackEscapesMarkupAndKeepsHeaderWithin150() {
        Incident i = opened("i-1").toBuilder().title("<!channel> & " + "y".repeat(300)).build();
        JsonNode m = Messages.slack(policy.decide(null, i).orElseThrow(), LINK);
        assertThat(m.get("blocks").get(0).get("text").get("text").asText())
                .hasSizeLessThanOrEqualTo(150);
        assertThat(m.get("blocks").get(1).get("text").get("text").asText())
                .contains("&lt;!channel&gt; &amp; ");
    }

    @Test
    void webhookBodyNamesKeyKindChangesAndTheIncident() {
        JsonNode b = Messages.webhook(changed(), "hook", "i-1:2:hook", LINK);
        assertThat(b.get("idempotency_key").asText()).isEqualTo("i-1:2:hook");
        assertThat(b.get("kind").asText()).isEqualTo("update");
        assertThat(b.get("changes").get(0).get("change").asText()).isEqualTo("priority_raised");
        assertThat(b.get("incident").get("id").asText()).isEqualTo("i-1");
        assertThat(b.get("incident").get("version").asLong()).isEqualTo(2);
    }

    @Test
    void digestsListEveryHeldNotification() {
        Delta d1 = policy.decide(null, opened("i-1")).orElseThrow();
        Delta d2 = policy.decide(null, opened("i-2")).orElseThrow();
        List<Messages.Held> held =
                List.of(Messages.Held.of("i-1:1:c", d1, LINK), Messages.Held.of("i-2:1:c", d2, ""));
        assertThat(Messages.webhookDigest("c", "c:digest:i-1:1:c", held).get("notifications"))
                .hasSize(2);
        assertThat(Messages.slackDigest(held).get("text").asText())
                .isEqualTo("2 incident notifications held by the rate limit");
        assertThat(
                        Messages.pagerDutyDigest("RKEY", "c:digest:i-1:1:c", held)
                                .get("payload")
                                .get("severity")
                                .asText())
                .isEqualTo("error");
    }
}
