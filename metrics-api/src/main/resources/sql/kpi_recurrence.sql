-- Metric: recurrence rate per group: incidents that repeat an earlier incident's signature within
-- the recurrence window (recurrence_of set by the correlation job) over incidents detected in
-- [from, to) (docs/METRICS.md#recurrence).
-- Parameters: :from_ms, :to_ms, filters :service :team :environment :priority :category.
SELECT
    {{group_column}} AS group_key,
    count() AS incidents,
    countIf(recurrence_of != '') AS recurrences,
    recurrences / incidents AS recurrence_rate,
    uniqExactIf(signature, signature != '') AS signatures
FROM incidents_current FINAL
WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      AND (:service = '' OR has(services, :service))
      AND (:team = '' OR team = :team)
      AND (:environment = '' OR environment = :environment)
      AND (:priority = '' OR priority = :priority)
      AND (:category = '' OR category = :category)
GROUP BY group_key
ORDER BY group_key
