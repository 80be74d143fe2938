-- Metric: notifications: each notification the notifier decided for a channel, why, and how its
-- delivery ended, newest decided first (ties by idempotency key), one page after the cursor
-- (docs/METRICS.md#notifications). FINAL: the latest state per idempotency key (pending -> outcome).
-- {{notification_filters}}: AND conditions for the filters the request sets (incident, channel,
-- outcome) and for the cursor on later pages (the adapter's FilterSql whitelist; values bound).
-- Parameters: :from_ms (inclusive), :to_ms (exclusive), :incident :channel :outcome and :cursor_ms,
-- :cursor_id when used, :limit (page size + 1, to tell whether a next page exists).
SELECT
    idempotency_key,
    incident_id,
    incident_version,
    channel,
    channel_kind,
    kind,
    changes,
    what_changed,
    reason,
    outcome,
    attempts,
    http_status,
    error,
    decided_ms,
    recorded_ms,
    title,
    environment,
    priority,
    services,
    covers
FROM notifications FINAL
WHERE decided_ms >= :from_ms
  AND decided_ms < :to_ms
  {{notification_filters}}
ORDER BY decided_ms DESC, idempotency_key ASC
LIMIT :limit
