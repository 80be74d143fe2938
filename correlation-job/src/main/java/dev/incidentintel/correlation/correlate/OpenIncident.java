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
 * timestamps and member alerts. Mutable, owned by one {@link ScopeState}; {@link #snapshot} turns it
 * into the immutable {@link Incident} record that leaves the job.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
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

  /** For JSON. */
  OpenIncident() {}

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

  public Collection<MemberAlert> members() {
    return members.values();
  }

  /** True when every member alert has resolved. */
  public boolean allResolved() {
    return members.values().stream().noneMatch(MemberAlert::firing);
  }

  void add(MemberAlert member) {
    members.put(member.fingerprint(), member);
    if (!services.contains(member.service())) {
      services.add(member.service());
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

  void refreshSeverity() {
    for (MemberAlert m : members.values()) {
      severity = Severity.max(severity, m.severity());
    }
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
    Instant last = detectedAt;
    for (MemberAlert m : members.values()) {
      if (m.resolvedAt() != null && m.resolvedAt().isAfter(last)) {
        last = m.resolvedAt();
      }
    }
    return last;
  }

  /** The next version of this incident as a record; bumps the version. */
  Incident snapshot(IncidentStatus status, Instant eventTime) {
    version++;
    long notifications = 0;
    int firing = 0;
    int flapping = 0;
    for (MemberAlert m : members.values()) {
      notifications += m.notifications();
      if (m.firing()) {
        firing++;
      }
      if (m.flapping()) {
        flapping++;
      }
    }
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
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (MemberAlert m : members.values()) {
      names.add(m.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[0-9]+", ""));
    }
    return "sig-" + dev.incidentintel.events.fingerprint.Fingerprints.sha256Prefix(
        environment + "|" + String.join(",", new java.util.TreeSet<>(services)) + "|" + String.join(",", names));
  }
}
