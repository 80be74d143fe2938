package dev.incidentintel.correlation.correlate;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.incidentintel.correlation.dedup.MemberAlert;
import dev.incidentintel.events.Incident;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.SuspectDeploy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident the job still tracks: open, or resolved but inside its reopen window. Holds identity,
 * timestamps and member alerts. Mutable, owned by one {@link ScopeState}; {@link #snapshot} turns
 * it into the immutable {@link Incident} record that leaves the job.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class OpenIncident {
    private String id;
    private long version;
    private String title;
    private String environment;
    private List<String> services = new ArrayList<>();
    private Severity severity = Severity.UNKNOWN;
    private Instant impactStart;
    private Instant detectedAt;
    private Instant lastActivity;
    private Instant resolvedAt;
    private int reopenCount;
    private List<SuspectDeploy> suspects = new ArrayList<>();
    private Map<String, MemberAlert> members = new LinkedHashMap<>();
    // Kept up to date on every change so a snapshot costs O(1) in the number of members: an alert
    // storm can put thousands of alerts in one incident.
    private int firing;
    private int flapping;
    private long notifications;
    private Instant lastResolve;
    private java.util.TreeSet<String> names = new java.util.TreeSet<>();
    private String signature;
    // For the attach score: latest member start, the distinct alert names as received, and the
    // compared labels' key=value pairs of all members.
    private Instant lastStart;
    private java.util.TreeSet<String> alertNames = new java.util.TreeSet<>();
    private java.util.TreeSet<String> labelPairs = new java.util.TreeSet<>();
    private List<RecentStart> recentStarts = new ArrayList<>();
    // Resolved members whose alert fired again as a new occurrence correlated on its own: they stay
    // members (counted) but no longer hold their fingerprint.
    private java.util.Set<String> released = new java.util.TreeSet<>();
    // Count-gated creation: held back (not emitted yet), with the links to emit when it opens.
    private boolean held;
    private List<dev.incidentintel.events.IncidentAlertLink> heldLinks = new ArrayList<>();

    /** How many of the latest member starts the attach score compares a new alert with. */
    static final int RECENT_STARTS = 64;

    /** A member alert's service and start, for the attach score's nearest-member search. */
    public record RecentStart(String service, Instant startsAt) {}

    /** For JSON. */
    OpenIncident() {}

    /**
     * A deep copy: new collections and member objects; strings, instants and records are shared,
     * being immutable. Flink's heap state backend asks for one of each state value touched while a
     * checkpoint is written; the JSON round trip this replaces cost milliseconds per large scope.
     */
    OpenIncident copy() {
        OpenIncident c = new OpenIncident();
        c.id = id;
        c.version = version;
        c.title = title;
        c.environment = environment;
        c.services = new ArrayList<>(services);
        c.severity = severity;
        c.impactStart = impactStart;
        c.detectedAt = detectedAt;
        c.lastActivity = lastActivity;
        c.resolvedAt = resolvedAt;
        c.reopenCount = reopenCount;
        c.suspects = new ArrayList<>(suspects);
        c.members = new LinkedHashMap<>(members.size() * 2);
        members.forEach((fingerprint, member) -> c.members.put(fingerprint, member.copy()));
        c.firing = firing;
        c.flapping = flapping;
        c.notifications = notifications;
        c.lastResolve = lastResolve;
        c.names = new java.util.TreeSet<>(names);
        c.signature = signature;
        c.lastStart = lastStart;
        c.alertNames = new java.util.TreeSet<>(alertNames);
        c.labelPairs = new java.util.TreeSet<>(labelPairs);
        c.recentStarts = new ArrayList<>(recentStarts);
        c.released = new java.util.TreeSet<>(released);
        c.held = held;
        c.heldLinks = new ArrayList<>(heldLinks);
        return c;
    }

    OpenIncident(String id, String title, String environment, Instant detectedAt) {
        this.id = id;
        this.title = title;
        this.environment = environment;
        this.detectedAt = detectedAt;
        this.impactStart = detectedAt;
        this.lastActivity = detectedAt;
    }

    public String id() {
        return id;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    public Instant impactStart() {
        return impactStart;
    }

    public String environment() {
        return environment;
    }

    public List<String> services() {
        return services;
    }

    /** When the incident resolved, or {@code null} while it is open. */
    public Instant resolvedAt() {
        return resolvedAt;
    }

    /** True while the incident has not resolved. */
    public boolean isOpen() {
        return resolvedAt == null;
    }

    public int reopenCount() {
        return reopenCount;
    }

    /** Suspect deploys found when the incident opened or gained a service, best first. */
    public List<SuspectDeploy> suspects() {
        return suspects;
    }

    void suspects(List<SuspectDeploy> found) {
        suspects = new ArrayList<>(found);
    }

    public MemberAlert member(String fingerprint) {
        return members.get(fingerprint);
    }

    /** True while creation is gated: the incident is tracked but has not been emitted yet. */
    public boolean held() {
        return held;
    }

    public Severity severity() {
        return severity;
    }

    public Instant detectedAt() {
        return detectedAt;
    }

    /** Number of member alerts. */
    public int alertCount() {
        return members.size();
    }

    /** Holds the incident back, keeping a link to emit when it opens. */
    void hold(dev.incidentintel.events.IncidentAlertLink link) {
        held = true;
        heldLinks.add(link);
    }

    /** Opens a held incident at {@code at}: it is detected then; returns the links held so far. */
    List<dev.incidentintel.events.IncidentAlertLink> open(Instant at) {
        held = false;
        detectedAt = at;
        List<dev.incidentintel.events.IncidentAlertLink> links = List.copyOf(heldLinks);
        heldLinks = new ArrayList<>();
        return links;
    }

    /** True when this incident holds the fingerprint: a member that was not released. */
    public boolean holds(String fingerprint) {
        return members.containsKey(fingerprint) && !released.contains(fingerprint);
    }

    /** Lets go of a resolved member: its next firing is correlated as a new alert. */
    void release(String fingerprint) {
        released.add(fingerprint);
    }

    public Collection<MemberAlert> members() {
        return members.values();
    }

    /** True when every member alert has resolved. */
    public boolean allResolved() {
        return firing == 0;
    }

    /** Latest start of a member alert (the impact start before any member joined). */
    public Instant lastStart() {
        return lastStart == null ? impactStart : lastStart;
    }

    /** Distinct names of the member alerts, as received. */
    public java.util.Set<String> names() {
        return alertNames;
    }

    /** The compared labels ({@link AttachOptions#labelKeys}) of all members, as key=value pairs. */
    public java.util.Set<String> labelPairs() {
        return labelPairs;
    }

    /** The latest member starts (at most {@value #RECENT_STARTS}), in no particular order. */
    public List<RecentStart> recentStarts() {
        return recentStarts;
    }

    void add(MemberAlert member, java.util.Set<String> comparedLabels) {
        if (released.remove(member.fingerprint())) {
            notifications -=
                    members.get(member.fingerprint()).notifications(); // counted again below
        }
        labelPairs.addAll(comparedLabels);
        recentStarts.add(new RecentStart(member.service(), member.firstFiringAt()));
        if (recentStarts.size() > RECENT_STARTS) {
            // Bounded work per alert even in a storm of thousands of members: forget the oldest
            // start.
            RecentStart oldest = recentStarts.get(0);
            for (RecentStart r : recentStarts) {
                if (r.startsAt().isBefore(oldest.startsAt())) {
                    oldest = r;
                }
            }
            recentStarts.remove(oldest);
        }
        alertNames.add(member.name());
        if (lastStart == null || member.firstFiringAt().isAfter(lastStart)) {
            lastStart = member.firstFiringAt();
        }
        members.put(member.fingerprint(), member);
        firing++;
        notifications += member.notifications();
        if (names.add(normalisedName(member.name()))) {
            signature = null;
        }
        if (!services.contains(member.service())) {
            services.add(member.service());
            signature = null;
        }
        if (member.firstFiringAt().isBefore(impactStart)) {
            impactStart = member.firstFiringAt();
        }
        severity = Severity.max(severity, member.severity());
        touch(member.lastActivity());
    }

    void touch(Instant activity) {
        if (activity.isAfter(lastActivity)) {
            lastActivity = activity;
        }
    }

    /**
     * Severity only ever rises: the incident is as severe as its most severe notification so far.
     */
    void raiseSeverity(Severity candidate) {
        severity = Severity.max(severity, candidate);
    }

    /**
     * Accounts for one more notification of {@code member} after deduplication said what it was.
     *
     * @param becameFlapping the member was flagged as flapping by this notification
     */
    void counted(
            MemberAlert member,
            dev.incidentintel.correlation.dedup.DedupOutcome outcome,
            boolean becameFlapping) {
        notifications++;
        switch (outcome) {
            case REFIRED -> firing++;
            case RESOLVED -> {
                firing--;
                if (lastResolve == null || member.resolvedAt().isAfter(lastResolve)) {
                    lastResolve = member.resolvedAt();
                }
            }
            default -> {}
        }
        if (becameFlapping) {
            flapping++;
        }
        raiseSeverity(member.severity());
    }

    void markResolved() {
        resolvedAt = lastResolvedAt();
    }

    void reopen() {
        resolvedAt = null;
        reopenCount++;
    }

    /** Latest resolve time over the members (meaningful once {@link #allResolved()}). */
    Instant lastResolvedAt() {
        return lastResolve != null && lastResolve.isAfter(detectedAt) ? lastResolve : detectedAt;
    }

    /** The next version of this incident as a record; bumps the version. */
    Incident snapshot(IncidentStatus status, Instant eventTime) {
        version++;
        return Incident.builder()
                .source(IncidentCorrelator.SOURCE)
                .eventTime(eventTime)
                .id(id)
                .version(version)
                .title(title)
                .environment(environment)
                .services(services)
                .severity(severity)
                .status(status)
                .impactStart(impactStart)
                .detectedAt(detectedAt)
                .resolvedAt(status == IncidentStatus.RESOLVED ? resolvedAt : null)
                .alertCount(members.size())
                .firingCount(firing)
                .notificationCount(notifications)
                .reopenCount(reopenCount)
                .flappingAlerts(flapping)
                .suspectDeploys(suspects)
                .signature(signature())
                .build();
    }

    /**
     * Recurrence key: environment, services and alert names, names lower-cased with digits removed
     * (so {@code disk-07-full} and {@code disk-12-full} match), each list sorted and de-duplicated.
     */
    String signature() {
        if (signature == null) {
            signature =
                    "sig-"
                            + dev.incidentintel.events.fingerprint.Fingerprints.sha256Prefix(
                                    environment
                                            + "|"
                                            + String.join(",", new java.util.TreeSet<>(services))
                                            + "|"
                                            + String.join(",", names));
        }
        return signature;
    }

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");

    private static String normalisedName(String name) {
        return DIGITS.matcher(name.toLowerCase(java.util.Locale.ROOT)).replaceAll("");
    }
}
