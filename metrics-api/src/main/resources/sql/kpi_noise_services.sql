-- Metric: noise reduction per service: alert notifications received (event time in [from, to),
-- repeats included) -> distinct alerts (fingerprints) -> incidents detected in [from, to) with that
-- primary service (docs/METRICS.md#noise). reduction = 1 - incidents / notifications.
-- Alerts carry only service and environment, so team/priority/category filter the incidents only.
-- Parameters: :from_ms, :to_ms, filters :service :team :environment :priority :category.
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
      AND (:service = '' OR service = :service)
      AND (:environment = '' OR environment = :environment)
    GROUP BY service
    UNION ALL
    SELECT primary_service AS service, toUInt64(0) AS n, toUInt64(0) AS a, count() AS i
    FROM incidents_current FINAL
    WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      AND (:service = '' OR has(services, :service))
      AND (:team = '' OR team = :team)
      AND (:environment = '' OR environment = :environment)
      AND (:priority = '' OR priority = :priority)
      AND (:category = '' OR category = :category)
    GROUP BY service
)
GROUP BY service
ORDER BY notifications DESC, service
