-- Metric: triage training history: member alerts (name, latest summary and labels) of the incidents
-- linked since :since_ms, in link order (docs/METRICS.md#triage-training-labels). LIMIT 1 BY hides
-- re-delivered link rows not yet merged.
-- Parameters: :since_ms.
SELECT
    incident_id,
    alert_name,
    summary,
    label_keys,
    label_values
FROM
(
    SELECT incident_id, fingerprint, alert_name, linked_ms
    FROM incident_alerts
    WHERE linked_ms >= :since_ms
    ORDER BY incident_id, linked_ms, fingerprint
    LIMIT 1 BY incident_id, fingerprint
)
ANY LEFT JOIN
(
    SELECT
        fingerprint,
        argMax(summary, received_ms) AS summary,
        argMax(label_keys, received_ms) AS label_keys,
        argMax(label_values, received_ms) AS label_values
    FROM alerts
    WHERE fingerprint IN (SELECT fingerprint FROM incident_alerts WHERE linked_ms >= :since_ms)
    GROUP BY fingerprint
) USING fingerprint
ORDER BY incident_id, linked_ms, fingerprint
