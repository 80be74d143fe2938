package dev.incidentintel.notifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What a Slack incoming webhook accepts of a Block Kit message, as Slack documents it: a {@code
 * text} fallback (required with blocks, used in notifications), at most 50 blocks; a header's text
 * is {@code plain_text} of at most 150 characters; a section has {@code text} (at most 3000) and/or
 * at most 10 {@code fields} (each at most 2000), all text objects typed {@code plain_text} or
 * {@code mrkdwn}.
 */
final class SlackPayloads {
    private SlackPayloads() {}

    static void assertAccepted(JsonNode m) {
        assertThat(m.path("text").asText()).as("text fallback").isNotBlank();
        JsonNode blocks = m.path("blocks");
        assertThat(blocks.isArray()).isTrue();
        assertThat(blocks.size()).isBetween(1, 50);
        for (JsonNode b : blocks) {
            String type = b.path("type").asText();
            assertThat(type).isIn("header", "section", "context", "divider", "actions");
            if (type.equals("header")) {
                assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text");
                assertThat(b.path("text").path("text").asText())
                        .isNotEmpty()
                        .hasSizeLessThanOrEqualTo(150);
            }
            if (type.equals("section")) {
                assertThat(b.has("text") || b.has("fields"))
                        .as("section needs text or fields")
                        .isTrue();
                if (b.has("text")) {
                    textObject(b.get("text"), 3000);
                }
                if (b.has("fields")) {
                    assertThat(b.get("fields").size()).isBetween(1, 10);
                    b.get("fields").forEach(f -> textObject(f, 2000));
                }
            }
        }
        Set<String> known = Set.of("text", "blocks");
        m.fieldNames().forEachRemaining(f -> assertThat(known).as("top-level field").contains(f));
    }

    private static void textObject(JsonNode t, int max) {
        assertThat(t.path("type").asText()).isIn("plain_text", "mrkdwn");
        assertThat(t.path("text").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(max);
    }
}
