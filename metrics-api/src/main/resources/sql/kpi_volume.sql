-- Metric: incident volume per time bucket (cut in :tz), category and priority over incidents
-- detected in [from, to) (docs/METRICS.md#volume). Empty category/priority = not known.
-- {{bucket_expression}} is one of the adapter's whitelisted calendar functions of detected_at.
-- Parameters: :tz, :from_ms, :to_ms, {{incident_filters}}: AND-conditions for the set filters (FilterSql).
SELECT
    {{group_column}} AS group_key,
    toString({{bucket_expression}}) AS bucket,
    category,
    priority,
    count() AS incidents
-- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
FROM {{current_incidents}}
WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
GROUP BY group_key, bucket, category, priority
ORDER BY group_key, bucket, category, priority
