-- Metric: incident feed: the latest version of each incident, newest detected first, optionally
-- filtered by environment, affected service and status (docs/METRICS.md#incident-feed).
-- Parameters: environment x2, service x2, status x2 ('' = any), limit.
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
    notification_count
FROM incidents_latest
WHERE (? = '' OR environment = ?)
  AND (? = '' OR has(services, ?))
  AND (? = '' OR toString(status) = ?)
ORDER BY detected_ms DESC, incident_id ASC
LIMIT ?
