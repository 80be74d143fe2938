-- Metric: noise reduction per service and per alert rule (docs/METRICS.md#noise). Per service:
-- alert notifications received (event time in [from, to), repeats included) -> alerts (firings:
-- distinct fingerprint and start among the firing notifications) -> incidents detected in
-- [from, to) with that primary service; reduction = 1 - incidents / notifications. Per rule (alert
-- name per service), as parallel arrays: notifications, firings, and the incidents detected in
-- [from, to) that its alerts joined; the API sorts them, most notifications first, and keeps :limit.
-- Whole hours come from noise_rollup ({{noise_rollup_rows}}); the rest of the window from the
-- notifications ({{raw_alert_times}}) and the links of its incidents ({{raw_link_incidents}}), see
-- NoiseRollup. Kinds: 0 service firings, 1 rule, 2 rule links, 3 incidents per primary service.
-- A service's firings from raw rows merge the exact sets of its rules (uniqExactIfMerge), so a
-- firing seen under two rule names counts once, as in the rollup's kind 0.
-- Alerts carry only service and environment, so team/priority/category filter the incidents only.
-- Parameters: :from_ms, :to_ms; {{service_filters}} on alerts and links, {{incident_filters}} on
-- incidents (FilterSql).
SELECT
    service,
    sumIf(n, kind = 1) AS notifications,
    sumIf(a, kind = 0) + uniqExactIfMerge(st) AS alerts,
    sumIf(i, kind = 3) AS incidents,
    if(notifications = 0, NULL, 1 - incidents / notifications) AS reduction,
    groupArrayIf(rule, kind = 1) AS rule_names,
    groupArrayIf(n, kind = 1) AS rule_notifications,
    groupArrayIf(a + finalizeAggregation(st), kind = 1) AS rule_alerts,
    groupArrayIf(rule, kind = 2) AS linked_rule_names,
    groupArrayIf(linked, kind = 2) AS linked_incidents
FROM
(
    SELECT kind, rule, service, sum(n) AS n, sum(a) AS a, sum(linked) AS linked, sum(i) AS i,
           uniqExactIfMergeState(st) AS st
    FROM
    (
        SELECT kind, name AS rule, service, sum(notifications) AS n, sum(firings) AS a,
               sum(incidents) AS linked, toUInt64(0) AS i,
               uniqExactIfState('', toUInt64(0), toUInt8(0)) AS st
        FROM noise_rollup
        WHERE {{noise_rollup_rows}}
          {{service_filters}}
        GROUP BY kind, rule, service
        UNION ALL
        SELECT toUInt8(1) AS kind, name AS rule, service, count() AS n, toUInt64(0) AS a,
               toUInt64(0) AS linked, toUInt64(0) AS i,
               uniqExactIfState(fingerprint, event_ms, status = 'firing') AS st
        FROM alerts_by_time
        WHERE {{raw_alert_times}}
          {{service_filters}}
        GROUP BY rule, service
        UNION ALL
        SELECT toUInt8(2) AS kind, alert_name AS rule, service, toUInt64(0) AS n, toUInt64(0) AS a,
               uniqExact(incident_id) AS linked, toUInt64(0) AS i,
               uniqExactIfState('', toUInt64(0), toUInt8(0)) AS st
        FROM incident_alerts
        WHERE incident_id IN {{raw_link_incidents}}
          {{service_filters}}
        GROUP BY rule, service
        UNION ALL
        SELECT toUInt8(3) AS kind, '' AS rule, primary_service AS service, toUInt64(0) AS n,
               toUInt64(0) AS a, toUInt64(0) AS linked, count() AS i,
               uniqExactIfState('', toUInt64(0), toUInt8(0)) AS st
        -- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
        FROM {{current_incidents}}
        WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
          {{incident_filters}}
        GROUP BY service
    )
    GROUP BY kind, rule, service
)
GROUP BY service
ORDER BY notifications DESC, service
