-- Metric: lifecycle steps of one incident (ack, assign, escalate, ...) in time order, re-delivered
-- rows shown once (docs/METRICS.md#incident-detail).
-- Parameters: :id.
SELECT
    event_ms,
    toString(action) AS action_name,
    actor,
    team,
    tier,
    note,
    source
FROM lifecycle_events
WHERE incident_id = :id
ORDER BY event_ms, action_name, actor
LIMIT 1 BY event_ms, action_name, actor, alert_fingerprint
