-- Metric: one incident, latest version (docs/METRICS.md#incident-detail).
-- Parameters: :id.
SELECT
    incident_id,
    version,
    title,
    environment,
    services,
    primary_service,
    severity,
    toString(status) AS status_name,
    impact_start_ms,
    detected_ms,
    acknowledged_ms,
    mitigated_ms,
    resolved_ms,
    closed_ms,
    alert_count,
    firing_count,
    notification_count,
    source,
    priority,
    category,
    team,
    tier,
    escalations,
    reopen_count,
    signature,
    recurrence_of,
    suspect_deploys
FROM incidents_latest
WHERE incident_id = :id
