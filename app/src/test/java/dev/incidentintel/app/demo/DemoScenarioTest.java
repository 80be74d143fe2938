package dev.incidentintel.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.json.EventJson;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {
    private final Instant now = Instant.parse("2026-11-24T12:00:00Z");
    private final DemoScenario scenario = DemoScenario.relativeTo(now);

    @Test
    void notificationsAreInSendOrderAndAllInThePast() {
        List<DemoScenario.Notification> list = scenario.notifications();
        for (int i = 1; i < list.size(); i++) {
            assertThat(list.get(i).sendAt()).isAfterOrEqualTo(list.get(i - 1).sendAt());
        }
        assertThat(list.get(list.size() - 1).sendAt()).isBefore(now);
        assertThat(scenario.from()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    }

    @Test
    void everyPayloadIsAnAlertmanagerV4BodyAndEveryResolvedAlertHasAnEnd() throws Exception {
        Set<String> firingFingerprints = new HashSet<>();
        Set<String> resolvedFingerprints = new HashSet<>();
        int alerts = 0;
        for (DemoScenario.Notification n : scenario.notifications()) {
            JsonNode body = EventJson.mapper().readTree(n.body());
            assertThat(body.path("version").asText()).isEqualTo("4");
            for (JsonNode a : body.path("alerts")) {
                alerts++;
                assertThat(a.path("labels").path("alertname").asText()).isNotBlank();
                if (a.path("status").asText().equals("resolved")) {
                    assertThat(Instant.parse(a.path("endsAt").asText()))
                            .isAfter(Instant.parse(a.path("startsAt").asText()));
                    resolvedFingerprints.add(a.path("fingerprint").asText());
                } else {
                    assertThat(a.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
                    firingFingerprints.add(a.path("fingerprint").asText());
                }
            }
        }
        assertThat(alerts).isEqualTo(scenario.alertNotifications());
        // Everything that resolves had fired; exactly one alert (the staging certificate) never
        // resolves.
        assertThat(firingFingerprints).containsAll(resolvedFingerprints);
        Set<String> neverResolved = new HashSet<>(firingFingerprints);
        neverResolved.removeAll(resolvedFingerprints);
        assertThat(neverResolved).hasSize(scenario.expectedOpen());
    }
}
