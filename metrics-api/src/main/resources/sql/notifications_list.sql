-- Metric: notifications: each notification the notifier decided for a channel, why, and how its
-- delivery ended, newest decided first (ties by idempotency key), one page after the cursor
-- (docs/METRICS.md#notifications). FINAL: the latest state per idempotency key (pending -> outcome).
-- Parameters: :incident :channel :outcome ('' = any), :from_ms (inclusive), :to_ms (exclusive),
-- :has_cursor, :cursor_ms, :cursor_id, :limit (page size + 1, to tell whether a next page exists).
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
  AND (:incident = '' OR incident_id = :incident)
  AND (:channel = '' OR channel = :channel)
  AND (:outcome = '' OR outcome = :outcome)
  AND (:has_cursor = 0
       OR decided_ms < :cursor_ms
       OR (decided_ms = :cursor_ms AND idempotency_key > :cursor_id))
ORDER BY decided_ms DESC, idempotency_key ASC
LIMIT :limit
