-- Metric: noise reduction per service and per alert rule in one scan of the alerts
-- (docs/METRICS.md#noise). Per service: alert notifications received (event time in [from, to),
-- repeats included) -> distinct alerts (fingerprints) -> incidents detected in [from, to) with that
-- primary service; reduction = 1 - incidents / notifications. Per rule (alert name per service),
-- as parallel arrays: notifications, distinct alerts, and the incidents its alerts were linked to
-- (link time in the window); the API sorts them, most notifications first, and keeps :limit.
-- A service's distinct alerts merge the exact sets of its rules (uniqExactMerge), so a fingerprint
-- seen under two rule names counts once; before, a second scan of the alerts counted them.
-- Alerts carry only service and environment, so team/priority/category filter the incidents only.
-- Parameters: :from_ms, :to_ms; {{service_filters}} on alerts and links, {{incident_filters}} on
-- incidents (FilterSql).
SELECT
    service,
    sum(n) AS notifications,
    uniqExactMerge(fingerprints) AS alerts,
    sum(i) AS incidents,
    if(notifications = 0, NULL, 1 - incidents / notifications) AS reduction,
    groupArrayIf(rule, kind = 1) AS rule_names,
    groupArrayIf(n, kind = 1) AS rule_notifications,
    groupArrayIf(finalizeAggregation(fingerprints), kind = 1) AS rule_alerts,
    groupArrayIf(rule, kind = 2) AS linked_rule_names,
    groupArrayIf(linked, kind = 2) AS linked_incidents
FROM
(
    -- kind 1: notifications per (rule, service); 2: incidents linked per (rule, service);
    -- 0: incidents per primary service. States are merged once, per service, never per rule.
    SELECT name AS rule, service, 1 AS kind, count() AS n,
           uniqExactState(fingerprint) AS fingerprints, toUInt64(0) AS linked, toUInt64(0) AS i
    FROM alerts
    WHERE event_ms >= :from_ms AND event_ms < :to_ms
      -- The sorting key starts with environment: only the partition key (event_date) skips data.
      -- A lower bound only (the newest partitions are the ones read anyway); clamped at 0, since
      -- toDateTime wraps negative values, and wrapping beyond 2106 only lowers the bound.
      AND event_date >= toDate(toDateTime(intDiv(greatest(toInt64(:from_ms), 0), 1000)))
      {{service_filters}}
    GROUP BY rule, service
    UNION ALL
    SELECT alert_name AS rule, service, 2 AS kind, toUInt64(0) AS n,
           uniqExactStateIf(fingerprint, 0) AS fingerprints, uniqExact(incident_id) AS linked,
           toUInt64(0) AS i
    FROM incident_alerts
    WHERE linked_ms >= :from_ms AND linked_ms < :to_ms
      AND linked_date >= toDate(toDateTime(intDiv(greatest(toInt64(:from_ms), 0), 1000)))
      {{service_filters}}
    GROUP BY rule, service
    UNION ALL
    SELECT '' AS rule, primary_service AS service, 0 AS kind, toUInt64(0) AS n,
           uniqExactStateIf(primary_service, 0) AS fingerprints, toUInt64(0) AS linked,
           count() AS i
    -- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
    FROM {{current_incidents}}
    WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
    GROUP BY service
)
GROUP BY service
ORDER BY notifications DESC, service
