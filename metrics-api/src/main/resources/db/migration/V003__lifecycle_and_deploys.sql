-- Lifecycle steps (ack, assign, escalate, ...) and deploys, as written by the correlation job.
-- incident_id is the incident the job attached the step to ('' when it referred to an alert no
-- incident held). Times are UTC epoch milliseconds; the Date columns derive from them.
CREATE TABLE IF NOT EXISTS lifecycle_events
(
    event_ms          UInt64,
    event_date        Date DEFAULT toDate(toDateTime(intDiv(event_ms, 1000))),
    received_ms       UInt64,
    incident_id       String,
    alert_fingerprint String,
    action            Enum8('ack' = 1, 'unack' = 2, 'assign' = 3, 'escalate' = 4, 'mitigate' = 5,
                            'resolve' = 6, 'reopen' = 7, 'comment' = 8, 'open' = 9, 'close' = 10),
    actor             String,
    team              String,
    tier              String,
    note              String,
    source            String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (incident_id, event_ms, action, actor, alert_fingerprint)
;
CREATE TABLE IF NOT EXISTS deploys
(
    event_ms    UInt64,
    event_date  Date DEFAULT toDate(toDateTime(intDiv(event_ms, 1000))),
    service     String,
    environment String,
    version     String,
    commit      String,
    status      Enum8('started' = 1, 'succeeded' = 2, 'failed' = 3, 'rolled_back' = 4),
    url         String,
    source      String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (environment, service, event_ms, status, version)
