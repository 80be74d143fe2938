package dev.incidentintel.correlation;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import java.time.Instant;
import java.util.Map;

/** Test fixtures: a fixed clock and alert builders. */
public final class Alerts {
    public static final Instant BEGINNING = Instant.parse("2026-03-02T09:00:00Z");
    public static final Instant ONE_MINUTE_LATER = BEGINNING.plusSeconds(60);
    public static final Instant TEN_MINUTES_LATER = BEGINNING.plusSeconds(600);

    private Alerts() {}

    public static AlertEvent firing(
            String fingerprint, String name, String service, Instant startsAt) {
        return firing(fingerprint, name, service, startsAt, Severity.WARNING);
    }

    public static AlertEvent firing(
            String fingerprint, String name, String service, Instant startsAt, Severity severity) {
        return new AlertEvent(
                1,
                "alertmanager",
                startsAt,
                startsAt,
                fingerprint,
                AlertStatus.FIRING,
                name,
                service,
                "prod",
                severity,
                name + " summary",
                Map.of("alertname", name, "service", service),
                Map.of(),
                startsAt,
                null,
                "",
                "");
    }

    public static AlertEvent resolved(
            String fingerprint, String name, String service, Instant startsAt, Instant endsAt) {
        return new AlertEvent(
                1,
                "alertmanager",
                endsAt,
                endsAt,
                fingerprint,
                AlertStatus.RESOLVED,
                name,
                service,
                "prod",
                Severity.WARNING,
                name + " summary",
                Map.of("alertname", name, "service", service),
                Map.of(),
                startsAt,
                endsAt,
                "",
                "");
    }

    /** The same notification with only the label {@code cluster=<cluster>}. */
    public static AlertEvent withCluster(AlertEvent a, String cluster) {
        return new AlertEvent(
                a.schemaVersion(),
                a.source(),
                a.eventTime(),
                a.receivedAt(),
                a.fingerprint(),
                a.status(),
                a.name(),
                a.service(),
                a.environment(),
                a.severity(),
                a.summary(),
                Map.of("cluster", cluster),
                Map.of(),
                a.startsAt(),
                a.endsAt(),
                "",
                "");
    }
}
