-- Notifications (issue 9): one row per notification decided for a channel, written 'pending' before
-- delivery and again with its outcome after; ReplacingMergeTree(recorded_ms) keeps the latest row per
-- idempotency key (incident id : version : channel), read with FINAL. The notifier restores the
-- last notified view of each incident from these rows (status .. reopen_count), so a restart
-- neither resends nor forgets. outcome: pending, sent, suppressed, rate_limited, no_route,
-- dead_letter. A digest row (kind 'digest') has no incident and lists the keys it covers.
CREATE TABLE IF NOT EXISTS notifications
(
    idempotency_key  String,
    incident_id      String,
    incident_version UInt64,
    channel          String,
    channel_kind     String,
    kind             String,
    changes          Array(String),
    what_changed     String,
    reason           String,
    outcome          String,
    attempts         UInt32,
    http_status      UInt32,
    error            String,
    decided_ms       UInt64,
    decided_date     Date DEFAULT toDate(toDateTime(intDiv(decided_ms, 1000))),
    recorded_ms      UInt64,
    body             String,
    covers           Array(String),
    title            String,
    environment      String,
    status           String,
    severity         String,
    priority         String,
    services         Array(String),
    suspects         Array(String),
    reopen_count     UInt32
)
ENGINE = ReplacingMergeTree(recorded_ms)
PARTITION BY toYYYYMM(decided_date)
ORDER BY idempotency_key
