-- Hourly noise counts, so the noise report need not count firings over every alert notification of
-- its window (docs/METRICS.md#noise): about 0.6 s of one core for 3.3 million notifications.
--
-- alerts_by_time: the columns of alerts that noise reads, sorted by event time (alerts is sorted
-- by service), so an hour at a window's edge is a range of the primary key. Same identity as
-- alerts (a replayed notification collapses at merge), filled by a materialized view; the
-- notifications already stored are copied once below.
--
-- alert_writes: which event hours received notifications when (server clock), one row per hour
-- per insert, like incident_writes for incidents.
--
-- noise_rollup: per hour (hours = 1) and per UTC day (hours = 24, the sums of its hours), one
-- partition per incident snapshot (the API builds it in the same take, reusing the previous
-- partition's hours that nothing was written to since, and counting everything once a day). Kinds: 0 = service (name ''), 1 = alert
-- rule; notifications and firings by event time. 2 = alert rule, incidents its alerts joined, by
-- the time the incident was detected. noise_rollup_log lists the complete partitions and the hour
-- up to which each is built (IncidentSnapshots, NoiseRollup).

CREATE TABLE IF NOT EXISTS alerts_by_time
(
    event_ms    UInt64,
    event_date  Date,
    received_ms UInt64,
    fingerprint String,
    status      Enum8('firing' = 1, 'resolved' = 2),
    name        String,
    service     String,
    environment String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_ms, fingerprint, status, received_ms)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS alerts_by_time_mv TO alerts_by_time AS
SELECT event_ms, event_date, received_ms, fingerprint, status, name, service, environment
FROM alerts
;
INSERT INTO alerts_by_time
SELECT event_ms, event_date, received_ms, fingerprint, status, name, service, environment
FROM alerts
;
CREATE TABLE IF NOT EXISTS alert_writes
(
    written_at   DateTime,
    written_date Date,
    hour_ms      UInt64
)
ENGINE = MergeTree()
PARTITION BY written_date
ORDER BY (written_at, hour_ms)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS alert_writes_mv TO alert_writes AS
SELECT now() AS written_at, today() AS written_date, intDiv(event_ms, 3600000) * 3600000 AS hour_ms
FROM alerts
GROUP BY hour_ms
;
CREATE TABLE IF NOT EXISTS noise_rollup
(
    snapshot      UInt64,
    hours         UInt8,
    start_ms      UInt64,
    kind          UInt8,
    environment   String,
    service       String,
    name          String,
    notifications UInt64,
    firings       UInt64,
    incidents     UInt64
)
ENGINE = MergeTree()
PARTITION BY snapshot
ORDER BY (hours, start_ms, kind, environment, service, name)
;
-- One row per complete rollup partition; built_to_ms: the hours before it are in the partition;
-- full_s: when the full build it was carried forward from was taken (server clock, epoch seconds).
CREATE TABLE IF NOT EXISTS noise_rollup_log
(
    snapshot    UInt64,
    built_to_ms UInt64,
    rows        UInt64,
    full_s      UInt64
)
ENGINE = MergeTree()
ORDER BY snapshot
;
