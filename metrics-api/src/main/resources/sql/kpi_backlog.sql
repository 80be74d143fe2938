-- Metric: backlog per group at the end of the window: incidents detected before :to_ms and not
-- resolved by then (latest state), their ages at :to_ms, and the flow inside [from, to): opened,
-- and resolved (resolved_ms in the window) (docs/METRICS.md#backlog).
-- Parameters: :from_ms, :to_ms, {{incident_filters}}: AND-conditions for the set filters (FilterSql).
SELECT
    {{group_column}} AS group_key,
    countIf(is_open) AS open_at_end,
    countIf(is_open AND ifNull(acknowledged_ms, toUInt64(:to_ms)) >= :to_ms) AS unacknowledged_at_end,
    if(open_at_end = 0, NULL, maxIf(age_s, is_open)) AS oldest_age_s,
    if(open_at_end = 0, NULL, avgIf(age_s, is_open)) AS mean_age_s,
    countIf(detected_ms >= :from_ms) AS opened,
    countIf(status = 'resolved' AND ifNull(resolved_ms, toUInt64(:to_ms)) >= :from_ms
            AND ifNull(resolved_ms, toUInt64(:to_ms)) < :to_ms) AS resolved
FROM
(
    SELECT
        *,
        NOT (status = 'resolved' AND ifNull(resolved_ms, toUInt64(:to_ms)) < :to_ms) AS is_open,
        (toInt64(:to_ms) - toInt64(detected_ms)) / 1000 AS age_s
    -- {{current_incidents_before_to}}: the latest version of each incident detected before :to_ms: a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
    FROM {{current_incidents_before_to}}
    WHERE detected_ms < :to_ms
      {{incident_filters}}
)
GROUP BY group_key
ORDER BY group_key
