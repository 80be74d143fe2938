-- Metric: triage training history: the latest snapshot of every incident detected since :since_ms,
-- with what the model reads and the category/team/priority it ended with (docs/METRICS.md#triage-training-labels).
-- Parameters: :since_ms.
SELECT
    incident_id,
    title,
    environment,
    services,
    severity,
    source,
    category,
    team,
    priority,
    triage_confidence
FROM incidents_current FINAL
WHERE detected_ms >= :since_ms
ORDER BY detected_ms, incident_id
