-- Metric: incidents per primary service and week of detection (the Monday starting it, in :tz),
-- with the MTTR of the resolved ones per cell, over incidents detected in [from, to)
-- (docs/METRICS.md#heat-maps).
-- Parameters: :tz, :from_ms, :to_ms, {{incident_filters}}: AND-conditions for the set filters (FilterSql).
SELECT
    primary_service AS service,
    toString(toMonday(detected_at, :tz)) AS week,
    count() AS incidents,
    countIf(status = 'resolved' AND isNotNull(resolved_ms)) AS resolved,
    if(resolved = 0, NULL,
       avgIf((toInt64(ifNull(resolved_ms, 0)) - toInt64(detected_ms)) / 1000,
             status = 'resolved' AND isNotNull(resolved_ms))) AS mttr_mean_s
-- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
FROM {{current_incidents}}
WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
GROUP BY service, week
ORDER BY service, week
