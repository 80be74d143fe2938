-- Metric: member alert fingerprints of a set of incidents, in link order
-- (docs/METRICS.md#incident-feed). LIMIT 1 BY hides re-delivered link rows not yet merged.
-- Parameters: Array(String) of incident ids.
SELECT
    incident_id,
    fingerprint
FROM incident_alerts
WHERE incident_id IN (SELECT arrayJoin(?))
ORDER BY incident_id, linked_ms, fingerprint
LIMIT 1 BY incident_id, fingerprint
