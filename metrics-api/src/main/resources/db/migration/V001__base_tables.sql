-- Base tables of incident-intel. Runs on ClickHouse 18.16 and current releases (see STACK.md subset).
-- Times: *_ms columns are UTC epoch milliseconds; DateTime columns (second precision, UTC) exist only
-- for partitioning and coarse filtering, and are derived from the *_ms columns by DEFAULT expressions
-- (writers insert only the *_ms columns). Statements are separated by lines holding only ';'.

-- Every alert notification as received (repeats included: Alertmanager re-sends a firing alert with
-- the same startsAt, so received_ms tells repeats apart). A replay of the same notification after a
-- job restart carries the same received_ms and collapses on the sorting key.
CREATE TABLE IF NOT EXISTS alerts
(
    event_ms     UInt64,
    event_date   Date DEFAULT toDate(toDateTime(intDiv(event_ms, 1000))),
    event_time   DateTime DEFAULT toDateTime(intDiv(event_ms, 1000)),
    received_ms  UInt64,
    fingerprint  String,
    status       Enum8('firing' = 1, 'resolved' = 2),
    name         String,
    service      String,
    environment  String,
    severity     String,
    summary      String,
    source       String,
    starts_ms    UInt64,
    ends_ms      Nullable(UInt64),
    label_keys   Array(String),
    label_values Array(String),
    generator_url String,
    raw_id       String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (environment, service, fingerprint, event_ms, status, received_ms)
;
-- One row per incident version; FINAL (or argMax on version) gives the latest snapshot.
CREATE TABLE IF NOT EXISTS incidents
(
    incident_id        String,
    version            UInt64,
    detected_date      Date DEFAULT toDate(toDateTime(intDiv(detected_ms, 1000))),
    detected_at        DateTime DEFAULT toDateTime(intDiv(detected_ms, 1000)),
    title              String,
    environment        String,
    services           Array(String),
    primary_service    String,
    severity           String,
    status             Enum8('open' = 1, 'resolved' = 2, 'stale' = 3),
    impact_start_ms    UInt64,
    detected_ms        UInt64,
    acknowledged_ms    Nullable(UInt64),
    mitigated_ms       Nullable(UInt64),
    resolved_ms        Nullable(UInt64),
    closed_ms          Nullable(UInt64),
    updated_ms         UInt64,
    alert_count        UInt32,
    firing_count       UInt32,
    notification_count UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(detected_date)
ORDER BY incident_id
;
-- Why each alert belongs to its incident. Written once per (incident, fingerprint).
CREATE TABLE IF NOT EXISTS incident_alerts
(
    incident_id      String,
    fingerprint      String,
    linked_ms        UInt64,
    linked_date      Date DEFAULT toDate(toDateTime(intDiv(linked_ms, 1000))),
    alert_name       String,
    service          String,
    environment      String,
    reason           String,
    score_keys       Array(String),
    score_values     Array(Float64)
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(linked_date)
ORDER BY (incident_id, fingerprint)
