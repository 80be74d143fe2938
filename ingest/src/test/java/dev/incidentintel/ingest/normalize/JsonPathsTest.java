package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPathsTest {
    @Test
    void identifiersUseDotsAndOtherKeysAreQuoted() {
        String alert = JsonPaths.index(JsonPaths.child(JsonPaths.ROOT, "alerts"), 2);
        assertThat(alert).isEqualTo("alerts[2]");
        assertThat(JsonPaths.child(JsonPaths.child(alert, "labels"), "alertname"))
                .isEqualTo("alerts[2].labels.alertname");
        assertThat(JsonPaths.child("labels", "a.b")).isEqualTo("labels[\"a.b\"]");
        assertThat(JsonPaths.child("labels", "say \"hi\"\n"))
                .isEqualTo("labels[\"say \\\"hi\\\"\\u000a\"]");
        assertThat(JsonPaths.child(JsonPaths.ROOT, "1st")).isEqualTo("$[\"1st\"]");
    }
}
