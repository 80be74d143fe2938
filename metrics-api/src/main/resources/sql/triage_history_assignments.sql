-- Metric: triage training history: people's team assignments (lifecycle 'assign' steps with a team)
-- since :since_ms, oldest first; the last one per incident is its team label (docs/METRICS.md#triage-training-labels).
-- Parameters: :since_ms.
SELECT
    incident_id,
    event_ms,
    actor,
    team,
    source
FROM lifecycle_events
WHERE action = 'assign' AND incident_id != '' AND team != '' AND event_ms >= :since_ms
ORDER BY incident_id, event_ms, received_ms
