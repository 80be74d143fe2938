package dev.incidentintel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.events.json.EventFormatException;
import dev.incidentintel.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    static AlertEvent alert() {
        return new AlertEvent(
                0,
                "alertmanager",
                T0,
                T0.plusSeconds(2),
                "a1bc48475b20e73d",
                AlertStatus.FIRING,
                "HighLatency",
                "checkout",
                "prod",
                Severity.CRITICAL,
                "p99 above 2s",
                Map.of("alertname", "HighLatency", "service", "checkout"),
                Map.of("runbook", "r"),
                T0,
                null,
                "http://prom/graph",
                "{}:{}");
    }

    @Test
    void alertRoundTripsThroughJsonWithIsoInstantsAndLowerCaseEnums() {
        AlertEvent original = alert();
        String json = EventJson.toJson(original);
        assertThat(json)
                .contains("\"eventTime\":\"2026-03-01T10:00:00.123Z\"")
                .contains("\"status\":\"firing\"")
                .contains("\"severity\":\"critical\"")
                .doesNotContain("endsAt");
        AlertEvent back = EventJson.read(json.getBytes(StandardCharsets.UTF_8), AlertEvent.class);
        assertThat(back).isEqualTo(original);
        assertThat(back.schemaVersion()).isEqualTo(AlertEvent.SCHEMA_VERSION);
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerWritersDoNotBreakOlderReaders() {
        String json = EventJson.toJson(alert()).replaceFirst("\\{", "{\"addedLater\":[1,2],");
        assertThat(EventJson.read(json.getBytes(StandardCharsets.UTF_8), AlertEvent.class))
                .isEqualTo(alert());
    }

    @Test
    void readingAnAlertWithoutFingerprintNamesTheField() {
        String json =
                EventJson.toJson(alert()).replace("\"fingerprint\":\"a1bc48475b20e73d\",", "");
        assertThatThrownBy(
                        () ->
                                EventJson.read(
                                        json.getBytes(StandardCharsets.UTF_8), AlertEvent.class))
                .isInstanceOf(EventFormatException.class)
                .satisfies(
                        e ->
                                assertThat(((EventFormatException) e).field())
                                        .isEqualTo("fingerprint"));
    }

    @Test
    void incidentUpdateRoundTrips() {
        Incident incident =
                new Incident(
                        0,
                        "correlation-job",
                        T0,
                        "inc-1",
                        3,
                        "HighLatency on checkout",
                        "prod",
                        List.of("checkout"),
                        Severity.ERROR,
                        IncidentStatus.RESOLVED,
                        T0,
                        T0,
                        null,
                        null,
                        T0.plusSeconds(600),
                        null,
                        2,
                        0,
                        7,
                        "P2",
                        "database",
                        "dba",
                        0.8,
                        Tier.L2,
                        1,
                        0,
                        1,
                        List.of(
                                new SuspectDeploy(
                                        "checkout",
                                        "prod",
                                        "v42",
                                        "abc123",
                                        DeployStatus.SUCCEEDED,
                                        T0.minusSeconds(300),
                                        "",
                                        0.7,
                                        Map.of("timeScore", 0.7))),
                        "sig",
                        "inc-0",
                        "rare");
        IncidentAlertLink link =
                new IncidentAlertLink(
                        0,
                        "inc-1",
                        "fp",
                        "HighLatency",
                        "checkout",
                        "prod",
                        T0,
                        "opened",
                        Map.of("gapSeconds", 0.0));
        IncidentUpdate update =
                new IncidentUpdate(incident, IncidentChange.RESOLVED, List.of(link));
        IncidentUpdate back = EventJson.read(EventJson.toBytes(update), IncidentUpdate.class);
        assertThat(back).isEqualTo(update);
    }

    @Test
    void incidentRejectsDetectionBeforeImpact() {
        assertThatThrownBy(
                        () ->
                                new Incident(
                                        0,
                                        "x",
                                        T0,
                                        "i",
                                        1,
                                        "t",
                                        "prod",
                                        List.of("s"),
                                        null,
                                        IncidentStatus.OPEN,
                                        T0,
                                        T0.minusSeconds(1),
                                        null,
                                        null,
                                        null,
                                        null,
                                        1,
                                        1,
                                        1,
                                        null,
                                        null,
                                        null,
                                        0,
                                        null,
                                        0,
                                        0,
                                        0,
                                        null,
                                        null,
                                        null,
                                        null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("detectedAt");
    }

    @Test
    void severityMapsCommonVocabulariesAndKeepsUnknownWords() {
        assertThat(Severity.fromLabel("Critical")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromLabel("warn")).isEqualTo(Severity.WARNING);
        assertThat(Severity.fromLabel("P2")).isEqualTo(Severity.ERROR);
        assertThat(Severity.fromLabel("whatever")).isEqualTo(Severity.UNKNOWN);
        assertThat(Severity.max(Severity.WARNING, Severity.CRITICAL)).isEqualTo(Severity.CRITICAL);
    }
}
