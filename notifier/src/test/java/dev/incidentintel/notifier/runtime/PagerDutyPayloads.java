package dev.incidentintel.notifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What PagerDuty's Events API v2 ({@code POST /v2/enqueue}) accepts, as its documentation states:
 * {@code routing_key} (32 characters, the integration key), {@code event_action} one of trigger,
 * acknowledge, resolve; {@code dedup_key} at most 255 characters (required for acknowledge and
 * resolve); for a trigger a {@code payload} with {@code summary} (at most 1024), {@code source} and
 * {@code severity} one of critical, error, warning, info, and optional timestamp, component, group,
 * class, custom_details; optional {@code client}, {@code client_url}, {@code links}, {@code
 * images}.
 */
final class PagerDutyPayloads {
    private static final Set<String> TOP =
            Set.of(
                    "routing_key",
                    "event_action",
                    "dedup_key",
                    "payload",
                    "client",
                    "client_url",
                    "links",
                    "images");
    private static final Set<String> PAYLOAD =
            Set.of(
                    "summary",
                    "source",
                    "severity",
                    "timestamp",
                    "component",
                    "group",
                    "class",
                    "custom_details");

    private PagerDutyPayloads() {}

    static void assertAccepted(JsonNode e) {
        e.fieldNames().forEachRemaining(f -> assertThat(TOP).as("top-level field").contains(f));
        assertThat(e.path("routing_key").asText()).hasSize(32);
        String action = e.path("event_action").asText();
        assertThat(action).isIn("trigger", "acknowledge", "resolve");
        assertThat(e.path("dedup_key").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(255);
        if (action.equals("trigger")) {
            JsonNode p = e.path("payload");
            p.fieldNames()
                    .forEachRemaining(f -> assertThat(PAYLOAD).as("payload field").contains(f));
            assertThat(p.path("summary").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(1024);
            assertThat(p.path("source").asText()).isNotEmpty();
            assertThat(p.path("severity").asText()).isIn("critical", "error", "warning", "info");
            if (p.has("timestamp")) {
                java.time.Instant.parse(p.get("timestamp").asText());
            }
        }
    }
}
