package dev.incidentintel.correlation.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.triage.SampleModel;
import dev.incidentintel.triage.TriageModel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncidentTriageTest {
    private static TriageModel model;

    @BeforeAll
    static void train() {
        // Threshold 0: never abstain, so what is applied depends only on what the incident has.
        model = SampleModel.train("").withAbstainThreshold(0.0);
    }

    private static Incident incident(String title) {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        return Incident.builder()
                .source("correlation-job")
                .eventTime(at)
                .id("i-1")
                .version(1)
                .title(title)
                .environment("prod")
                .services(List.of("db"))
                .status(IncidentStatus.OPEN)
                .impactStart(at)
                .detectedAt(at)
                .alertCount(1)
                .build();
    }

    @Test
    void fillsCategoryTeamAndPriorityOfANewIncident() {
        Incident out = IncidentTriage.enrich(incident("postgres replication lag deadlock"), model);
        assertThat(out.category()).isEqualTo("database");
        assertThat(out.team()).isEqualTo("team-db");
        assertThat(out.priority()).isEqualTo("P1");
        assertThat(out.triageConfidence()).isBetween(0.0, 1.0).isPositive();
    }

    @Test
    void appliesNothingTheModelAbstainsOn() {
        TriageModel unsure = TriageFixture.train();
        // Storage: category and team are sure, impact/urgency random in training, so the priority
        // is not.
        Incident storage = incident("disk full on volume");
        var s = unsure.suggest(IncidentTriage.input(storage));
        assertThat(s.category().orElseThrow().abstain()).isFalse();
        assertThat(s.priority()).isPresent();
        assertThat(s.priorityConfidence()).isLessThan(unsure.options().abstainThreshold());
        Incident out = IncidentTriage.enrich(storage, unsure);
        assertThat(out.category()).isEqualTo("storage");
        assertThat(out.team()).isEqualTo("team-storage");
        assertThat(out.priority()).isEmpty();
        // Words the model never saw: it abstains on everything and the incident is returned as it
        // was.
        Incident unknown = incident("zorblax frobnicator");
        assertThat(unsure.suggest(IncidentTriage.input(unknown)).abstain()).isTrue();
        assertThat(IncidentTriage.enrich(unknown, unsure)).isSameAs(unknown);
    }

    @Test
    void neverOverridesATeamOrPriorityAlreadySet() {
        Incident assigned =
                incident("vpn packet loss router").toBuilder()
                        .team("team-oncall")
                        .priority("P4")
                        .build();
        Incident out = IncidentTriage.enrich(assigned, model);
        assertThat(out.category()).isEqualTo("network");
        assertThat(out.team()).isEqualTo("team-oncall");
        assertThat(out.priority()).isEqualTo("P4");
    }

    @Test
    void leavesAnIncidentWithACategoryAlone() {
        Incident done = incident("password reset").toBuilder().category("access").build();
        assertThat(IncidentTriage.enrich(done, model)).isSameAs(done);
    }

    @Test
    void theModelReadsTitleServicesEnvironmentAndSource() {
        var in = IncidentTriage.input(incident("vpn down"));
        assertThat(in.title()).isEqualTo("vpn down");
        assertThat(in.services()).containsExactly("db");
        assertThat(in.environment()).isEqualTo("prod");
        assertThat(in.source()).isEqualTo("correlation-job");
    }
}
