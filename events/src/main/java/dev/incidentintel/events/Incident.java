package dev.incidentintel.events;

import java.time.Instant;
import java.util.List;

/**
 * Snapshot of one incident after a change. Each change bumps {@code version}; stores keep the
 * highest version per {@code id} (ClickHouse ReplacingMergeTree), so writing the same snapshot
 * twice is harmless.
 *
 * <p>Timestamps follow the model in docs/METRICS.md: {@code impactStart <= detectedAt <=
 * acknowledgedAt <= mitigatedAt <= resolvedAt <= closedAt}; those not reached yet are {@code null}.
 * {@code eventTime} is the event time of the change that produced this snapshot.
 *
 * @param source {@code correlation-job} for incidents made from alerts, or the ticketing system an
 *     imported incident came from (e.g. {@code servicenow})
 * @param alertCount distinct member alerts (fingerprints)
 * @param firingCount member alerts still firing
 * @param notificationCount alert notifications received for the members, repeats included
 * @param priority P1..P5, or empty when not known (set by the ticket or by triage)
 * @param category triage category, or empty
 * @param team owning team (assignment group), or empty
 * @param triageConfidence confidence of the triage suggestion in [0, 1], 0 when none
 * @param tier support tier holding the incident, {@code null} before any assignment or escalation
 * @param escalations how many times the incident was escalated
 * @param reopenCount how many times it reopened after resolving
 * @param flappingAlerts member alerts that fired again after resolving
 * @param suspectDeploys deploys suspected of causing it, best first
 * @param signature hash of environment, services and normalised alert names (recurrence key)
 * @param recurrenceOf id of the earlier incident with the same signature within the recurrence
 *     window, or empty
 * @param rarity {@code frequent}, {@code rare}, {@code new}, {@code occasional}, or empty when not
 *     assessed
 */
public record Incident(
        int schemaVersion,
        String source,
        Instant eventTime,
        String id,
        long version,
        String title,
        String environment,
        List<String> services,
        Severity severity,
        IncidentStatus status,
        Instant impactStart,
        Instant detectedAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant closedAt,
        int alertCount,
        int firingCount,
        long notificationCount,
        String priority,
        String category,
        String team,
        double triageConfidence,
        Tier tier,
        int escalations,
        int reopenCount,
        int flappingAlerts,
        List<SuspectDeploy> suspectDeploys,
        String signature,
        String recurrenceOf,
        String rarity) {

    /** Current version of the JSON layout written by this code. */
    public static final int SCHEMA_VERSION = 1;

    public Incident {
        if (schemaVersion <= 0) {
            schemaVersion = SCHEMA_VERSION;
        }
        Checks.requiredText(source, "source");
        Checks.required(eventTime, "eventTime");
        Checks.requiredText(id, "id");
        Checks.requiredText(title, "title");
        Checks.requiredText(environment, "environment");
        services = Checks.listCopy(services);
        if (services.isEmpty()) {
            throw new InvalidEventException("services", "an incident affects at least one service");
        }
        severity = severity == null ? Severity.UNKNOWN : severity;
        Checks.required(status, "status");
        Checks.required(impactStart, "impactStart");
        Checks.required(detectedAt, "detectedAt");
        if (detectedAt.isBefore(impactStart)) {
            throw new InvalidEventException(
                    "detectedAt", "detectedAt must not precede impactStart");
        }
        priority = Checks.textOrEmpty(priority);
        category = Checks.textOrEmpty(category);
        team = Checks.textOrEmpty(team);
        suspectDeploys = Checks.listCopy(suspectDeploys);
        signature = Checks.textOrEmpty(signature);
        recurrenceOf = Checks.textOrEmpty(recurrenceOf);
        rarity = Checks.textOrEmpty(rarity);
    }

    /** True while the incident is neither resolved nor stale. */
    public boolean open() {
        return status == IncidentStatus.OPEN;
    }

    /** A builder holding this incident's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a new incident. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder for {@link Incident}; {@link #build()} validates. */
    public static final class Builder {
        private int schemaVersion = SCHEMA_VERSION;
        private String source;
        private Instant eventTime;
        private String id;
        private long version;
        private String title;
        private String environment;
        private List<String> services = List.of();
        private Severity severity = Severity.UNKNOWN;
        private IncidentStatus status = IncidentStatus.OPEN;
        private Instant impactStart;
        private Instant detectedAt;
        private Instant acknowledgedAt;
        private Instant mitigatedAt;
        private Instant resolvedAt;
        private Instant closedAt;
        private int alertCount;
        private int firingCount;
        private long notificationCount;
        private String priority = "";
        private String category = "";
        private String team = "";
        private double triageConfidence;
        private Tier tier;
        private int escalations;
        private int reopenCount;
        private int flappingAlerts;
        private List<SuspectDeploy> suspectDeploys = List.of();
        private String signature = "";
        private String recurrenceOf = "";
        private String rarity = "";

        private Builder() {}

        private Builder(Incident i) {
            schemaVersion = i.schemaVersion;
            source = i.source;
            eventTime = i.eventTime;
            id = i.id;
            version = i.version;
            title = i.title;
            environment = i.environment;
            services = i.services;
            severity = i.severity;
            status = i.status;
            impactStart = i.impactStart;
            detectedAt = i.detectedAt;
            acknowledgedAt = i.acknowledgedAt;
            mitigatedAt = i.mitigatedAt;
            resolvedAt = i.resolvedAt;
            closedAt = i.closedAt;
            alertCount = i.alertCount;
            firingCount = i.firingCount;
            notificationCount = i.notificationCount;
            priority = i.priority;
            category = i.category;
            team = i.team;
            triageConfidence = i.triageConfidence;
            tier = i.tier;
            escalations = i.escalations;
            reopenCount = i.reopenCount;
            flappingAlerts = i.flappingAlerts;
            suspectDeploys = i.suspectDeploys;
            signature = i.signature;
            recurrenceOf = i.recurrenceOf;
            rarity = i.rarity;
        }

        public Builder source(String v) {
            source = v;
            return this;
        }

        public Builder eventTime(Instant v) {
            eventTime = v;
            return this;
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder version(long v) {
            version = v;
            return this;
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder environment(String v) {
            environment = v;
            return this;
        }

        public Builder services(List<String> v) {
            services = v;
            return this;
        }

        public Builder severity(Severity v) {
            severity = v;
            return this;
        }

        public Builder status(IncidentStatus v) {
            status = v;
            return this;
        }

        public Builder impactStart(Instant v) {
            impactStart = v;
            return this;
        }

        public Builder detectedAt(Instant v) {
            detectedAt = v;
            return this;
        }

        public Builder acknowledgedAt(Instant v) {
            acknowledgedAt = v;
            return this;
        }

        public Builder mitigatedAt(Instant v) {
            mitigatedAt = v;
            return this;
        }

        public Builder resolvedAt(Instant v) {
            resolvedAt = v;
            return this;
        }

        public Builder closedAt(Instant v) {
            closedAt = v;
            return this;
        }

        public Builder alertCount(int v) {
            alertCount = v;
            return this;
        }

        public Builder firingCount(int v) {
            firingCount = v;
            return this;
        }

        public Builder notificationCount(long v) {
            notificationCount = v;
            return this;
        }

        public Builder priority(String v) {
            priority = v;
            return this;
        }

        public Builder category(String v) {
            category = v;
            return this;
        }

        public Builder team(String v) {
            team = v;
            return this;
        }

        public Builder triageConfidence(double v) {
            triageConfidence = v;
            return this;
        }

        public Builder tier(Tier v) {
            tier = v;
            return this;
        }

        public Builder escalations(int v) {
            escalations = v;
            return this;
        }

        public Builder reopenCount(int v) {
            reopenCount = v;
            return this;
        }

        public Builder flappingAlerts(int v) {
            flappingAlerts = v;
            return this;
        }

        public Builder suspectDeploys(List<SuspectDeploy> v) {
            suspectDeploys = v;
            return this;
        }

        public Builder signature(String v) {
            signature = v;
            return this;
        }

        public Builder recurrenceOf(String v) {
            recurrenceOf = v;
            return this;
        }

        public Builder rarity(String v) {
            rarity = v;
            return this;
        }

        public Incident build() {
            return new Incident(
                    schemaVersion,
                    source,
                    eventTime,
                    id,
                    version,
                    title,
                    environment,
                    services,
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
                    priority,
                    category,
                    team,
                    triageConfidence,
                    tier,
                    escalations,
                    reopenCount,
                    flappingAlerts,
                    suspectDeploys,
                    signature,
                    recurrenceOf,
                    rarity);
        }
    }
}
