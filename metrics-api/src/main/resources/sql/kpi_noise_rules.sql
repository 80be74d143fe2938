-- Metric: the noisiest alert rules (alert name per service): notifications with event time in
-- [from, to), distinct alerts, and incidents their alerts were linked to (link time in the window),
-- most notifications first (docs/METRICS.md#noise).
-- Parameters: :from_ms, :to_ms; {{service_filters}}: AND-conditions for the set service/environment filters, :limit.
SELECT
    rule,
    service,
    sum(n) AS notifications,
    sum(a) AS alerts,
    sum(i) AS incidents,
    if(incidents = 0, NULL, notifications / incidents) AS notifications_per_incident
FROM
(
    SELECT name AS rule, service, count() AS n, uniqExact(fingerprint) AS a, toUInt64(0) AS i
    FROM alerts
    WHERE event_ms >= :from_ms AND event_ms < :to_ms
      -- The sorting key starts with environment: only the partition key (event_date) skips data.
      -- A lower bound only (the newest partitions are the ones read anyway); clamped at 0, since
      -- toDateTime wraps negative values, and wrapping beyond 2106 only lowers the bound.
      AND event_date >= toDate(toDateTime(intDiv(greatest(toInt64(:from_ms), 0), 1000)))
      {{service_filters}}
    GROUP BY rule, service
    UNION ALL
    SELECT alert_name AS rule, service, toUInt64(0) AS n, toUInt64(0) AS a, uniqExact(incident_id) AS i
    FROM incident_alerts
    WHERE linked_ms >= :from_ms AND linked_ms < :to_ms
      AND linked_date >= toDate(toDateTime(intDiv(greatest(toInt64(:from_ms), 0), 1000)))
      {{service_filters}}
    GROUP BY rule, service
)
GROUP BY rule, service
ORDER BY notifications DESC, rule, service
LIMIT :limit
