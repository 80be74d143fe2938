-- Metric: member alerts of one incident with the reason and score components of each link
-- (docs/METRICS.md#incident-detail). LIMIT 1 BY hides re-delivered link rows not yet merged.
-- Parameters: incident id.
SELECT
    fingerprint,
    alert_name,
    service,
    environment,
    linked_ms,
    reason,
    score_keys,
    score_values
FROM incident_alerts
WHERE incident_id = ?
ORDER BY linked_ms, fingerprint
LIMIT 1 BY fingerprint
