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
 * @param alertCount distinct member alerts (fingerprints)
 * @param firingCount member alerts still firing
 * @param notificationCount alert notifications received for the members, repeats included
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
    long notificationCount) {

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
      throw new InvalidEventException("detectedAt", "detectedAt must not precede impactStart");
    }
  }
}
