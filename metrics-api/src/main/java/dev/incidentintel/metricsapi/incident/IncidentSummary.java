package dev.incidentintel.metricsapi.incident;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The latest version of one incident as the API serves it. Timestamps follow the timestamp model of
 * docs/METRICS.md; the ones not reached yet are {@code null}.
 *
 * @param primaryService the service KPIs group by ({@code groupBy=service})
 * @param alertCount distinct member alerts
 * @param firingCount member alerts still firing
 * @param notificationCount notifications received for the members, repeats included
 * @param version the snapshot version this view was read from
 * @param fingerprints member alert fingerprints, in link order
 * @param triage where the incident came from and what triage/correlation added to it
 */
public record IncidentSummary(
        String id,
        String title,
        String environment,
        List<String> services,
        String primaryService,
        String severity,
        String status,
        Instant impactStart,
        Instant detectedAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant closedAt,
        long alertCount,
        long firingCount,
        long notificationCount,
        long version,
        List<String> fingerprints,
        @JsonUnwrapped Triage triage) {

    /**
     * Fields filled by correlation and triage (migration V004); empty / 0 when not known yet.
     *
     * @param source {@code correlation-job} or the ticketing system the incident was imported from
     * @param suspectDeploys references ({@code service@version}) of suspected deploys, best first
     */
    public record Triage(
            String source,
            String priority,
            String category,
            String team,
            String tier,
            int escalations,
            int reopenCount,
            String signature,
            String recurrenceOf,
            List<String> suspectDeploys) {
        public Triage {
            suspectDeploys = suspectDeploys == null ? List.of() : List.copyOf(suspectDeploys);
        }

        /** Nothing known. */
        public static Triage unknown() {
            return new Triage("", "", "", "", "", 0, 0, "", "", List.of());
        }
    }

    public IncidentSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detectedAt, "detectedAt");
        services = services == null ? List.of() : List.copyOf(services);
        fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
        triage = triage == null ? Triage.unknown() : triage;
    }

    /** The same incident with its member fingerprints. */
    public IncidentSummary withFingerprints(List<String> memberFingerprints) {
        return new IncidentSummary(
                id,
                title,
                environment,
                services,
                primaryService,
                severity,
                status,
                impactStart,
                detectedAt,
                acknowledgedAt,
                mitigatedAt,
                resolvedAt,
                closedAt,
                alertCount,
                firingCount,
                notificationCount,
                version,
                memberFingerprints,
                triage);
    }
}
