-- Metric: noise reduction per service: alert notifications received (event time in [from, to),
-- repeats included) -> distinct alerts (fingerprints) -> incidents detected in [from, to) with that
-- primary service (docs/METRICS.md#noise). reduction = 1 - incidents / notifications.
-- Alerts carry only service and environment, so team/priority/category filter the incidents only.
-- Parameters: :from_ms, :to_ms; {{service_filters}} on alerts, {{incident_filters}} on incidents (FilterSql).
SELECT
    service,
    sum(n) AS notifications,
    sum(a) AS alerts,
    sum(i) AS incidents,
    if(notifications = 0, NULL, 1 - incidents / notifications) AS reduction
FROM
(
    SELECT service, count() AS n, uniqExact(fingerprint) AS a, toUInt64(0) AS i
    FROM alerts
    WHERE event_ms >= :from_ms AND event_ms < :to_ms
      -- The sorting key starts with environment: only the partition key (event_date) skips data.
      -- A lower bound only (the newest partitions are the ones read anyway); clamped at 0, since
      -- toDateTime wraps negative values, and wrapping beyond 2106 only lowers the bound.
      AND event_date >= toDate(toDateTime(intDiv(greatest(toInt64(:from_ms), 0), 1000)))
      {{service_filters}}
    GROUP BY service
    UNION ALL
    SELECT primary_service AS service, toUInt64(0) AS n, toUInt64(0) AS a, count() AS i
    -- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
    FROM {{current_incidents}}
    WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
    GROUP BY service
)
GROUP BY service
ORDER BY notifications DESC, service
