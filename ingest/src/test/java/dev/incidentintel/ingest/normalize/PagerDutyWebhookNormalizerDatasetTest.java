package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every PagerDuty v3 webhook of the shared dataset as a lifecycle event; values read from the
 * files.
 */
class PagerDutyWebhookNormalizerDatasetTest {
    private static final Instant RECEIVED = Instant.parse("2026-05-01T12:00:00Z");
    private final PagerDutyWebhookNormalizer normalizer = new PagerDutyWebhookNormalizer();

    private LifecycleEvent one(String file) {
        Normalized n =
                normalizer.normalize(
                        JsonBodies.parse(Datasets.alertPayload("pagerduty_v3/" + file)), RECEIVED);
        assertThat(n.lifecycle()).hasSize(1);
        assertThat(n.eventCount()).isEqualTo(1);
        return n.lifecycle().get(0);
    }

    @ParameterizedTest
    @CsvSource({
        "zulip_triggered_v3.json, OPEN, PFQZPSY, 2021-06-04T13:35:29.781Z, PIG 208",
        "zulip_acknowledged_v3.json, ACK, PQ1K5C8, 2021-06-04T13:55:30.394Z, PIG 208",
        "zulip_reassigned_v3.json, ASSIGN, PIQUG8X, 2021-06-04T10:17:54.838Z, Test User",
        "zulip_resolved_v3.json, RESOLVE, PCPZE64, 2021-06-04T13:16:53.816Z, PIG 208",
        "zulip_escalate_v3.json, ESCALATE, Q3B15VLMF3ASBD, 2026-04-01T02:08:04.642Z, Harsh Santwani",
        "zulip_priority_updated_v3.json, COMMENT, Q3B15VLMF3ASBD, 2026-04-01T02:15:36.315Z, Harsh Santwani",
        "nudgebee_chronosphere_triggered_v3.json, OPEN, Q2X369CTEOAGYM, 2025-08-02T05:33:07.523Z, ''",
        "nudgebee_noclient_triggered_v3.json, OPEN, Q19Z7CCJDTBD40, 2025-08-02T15:45:53.839Z, ''",
    })
    void eachDatasetFileBecomesOneLifecycleEvent(
            String file, LifecycleAction action, String incident, String time, String actor) {
        LifecycleEvent event = one(file);
        assertThat(event.action()).isEqualTo(action);
        assertThat(event.incidentId()).isEqualTo(incident);
        assertThat(event.eventTime()).isEqualTo(Instant.parse(time));
        assertThat(event.actor()).isEqualTo(actor);
        assertThat(event.source()).isEqualTo("pagerduty");
    }

    @Test
    void escalationKeepsIncidentKeyAsFingerprintAndTicketAttributes() {
        LifecycleEvent event = one("zulip_escalate_v3.json");
        assertThat(event.alertFingerprint()).isEqualTo("d387d7bd2e0a4294a5307339dfe1669a");
        assertThat(event.attributes())
                .containsEntry("title", "Critical: Checkout API High Latency")
                .containsEntry("service", "Default Service")
                .containsEntry("priority", "P1")
                .containsEntry("urgency", "high")
                .containsEntry("number", "5")
                .containsEntry("event_id", "01GI0JWUU28G8XE5M6IIT4BZ39");
    }

    @Test
    void priorityUpdateNamesTheNewPriority() {
        LifecycleEvent event = one("zulip_priority_updated_v3.json");
        assertThat(event.attributes()).containsEntry("priority", "P2");
        assertThat(event.note()).isEqualTo("priority changed to P2");
    }

    @Test
    void teamComesFromTheFirstTeam() {
        assertThat(one("nudgebee_chronosphere_triggered_v3.json").team()).isEqualTo("OTR-Team");
        assertThat(one("nudgebee_noclient_triggered_v3.json").team()).isEqualTo("ISBU-Ocean");
        assertThat(one("zulip_triggered_v3.json").team()).isEmpty();
    }

    @Test
    void unmodelledEventTypesAreIgnored() {
        String body =
                "{\"event\":{\"event_type\":\"service.updated\",\"resource_type\":\"service\",\"occurred_at\":\"2024-01-01T00:00:00Z\"}}";
        Normalized n = normalizer.normalize(JsonBodies.parse(body.getBytes()), RECEIVED);
        assertThat(n.eventCount()).isZero();
        assertThat(n.ignored()).isEqualTo(1);
    }
}
