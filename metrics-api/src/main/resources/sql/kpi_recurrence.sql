-- Metric: recurrence rate per group: incidents that repeat an earlier incident's signature within
-- the recurrence window (recurrence_of set by the correlation job) over incidents detected in
-- [from, to) (docs/METRICS.md#recurrence).
-- Parameters: :from_ms, :to_ms, {{incident_filters}}: AND-conditions for the set filters (FilterSql).
SELECT
    {{group_column}} AS group_key,
    count() AS incidents,
    countIf(recurrence_of != '') AS recurrences,
    recurrences / incidents AS recurrence_rate,
    uniqExactIf(signature, signature != '') AS signatures
-- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
FROM {{current_incidents}}
WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
GROUP BY group_key
ORDER BY group_key
