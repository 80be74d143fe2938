package dev.incidentintel.notifier.testing;

import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.SuspectDeploy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Incident snapshots for notifier tests, on a fixed clock. */
public final class Incidents {
    public static final Instant BEGINNING = Instant.parse("2026-11-24T10:00:00Z");
    public static final Instant ONE_MINUTE_LATER = BEGINNING.plusSeconds(60);

    private Incidents() {}

    /** Version 1 of an open incident {@code id} on {@code checkout} in prod, severity error, P3. */
    public static Incident opened(String id) {
        return Incident.builder()
                .source("correlation-job")
                .eventTime(BEGINNING)
                .id(id)
                .version(1)
                .title("HighErrorRate on checkout")
                .environment("prod")
                .services(List.of("checkout"))
                .severity(Severity.ERROR)
                .status(IncidentStatus.OPEN)
                .impactStart(BEGINNING)
                .detectedAt(BEGINNING)
                .alertCount(1)
                .firingCount(1)
                .notificationCount(1)
                .priority("P3")
                .team("payments")
                .category("availability")
                .build();
    }

    /** The next version of {@code i} with its event time a minute later. */
    public static Incident.Builder next(Incident i) {
        return i.toBuilder().version(i.version() + 1).eventTime(i.eventTime().plusSeconds(60));
    }

    /** A suspect deploy of {@code service} version {@code version}. */
    public static SuspectDeploy suspect(String service, String version) {
        return new SuspectDeploy(
                service,
                "prod",
                version,
                "abc123",
                DeployStatus.parse("succeeded"),
                BEGINNING.minusSeconds(120),
                "https://ci.example.com/deploys/" + version,
                0.8,
                Map.of("timeScore", 0.9));
    }
}
