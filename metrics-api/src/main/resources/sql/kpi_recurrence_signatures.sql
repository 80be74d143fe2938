-- Metric: top recurring signatures: signatures with at least two incidents detected in [from, to),
-- most incidents first (docs/METRICS.md#recurrence).
-- Parameters: :from_ms, :to_ms, :limit; {{incident_filters}} (FilterSql).
SELECT
    signature,
    count() AS incidents,
    countIf(recurrence_of != '') AS recurrences,
    argMax(title, detected_ms) AS last_title,
    argMax(primary_service, detected_ms) AS last_service,
    argMax(environment, detected_ms) AS last_environment,
    min(detected_ms) AS first_detected_ms,
    max(detected_ms) AS last_detected_ms
-- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
FROM {{current_incidents}}
WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
  AND signature != ''
      {{incident_filters}}
GROUP BY signature
HAVING incidents >= 2
ORDER BY incidents DESC, signature
LIMIT :limit
