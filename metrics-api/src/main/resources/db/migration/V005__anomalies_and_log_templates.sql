-- Anomaly detection (issue 7): anomalies found by the correlation job's time-series detectors and the
-- log templates its miner found. Times are UTC epoch milliseconds; the Date/DateTime columns derive
-- from them by DEFAULT expressions (writers insert only the *_ms columns), as in V001.

-- One row per anomaly transition: 'firing' when a series becomes anomalous, 'resolved' when it is
-- back to normal. series_key = kind/environment/service/subject; subject is the template id for
-- log_rate series, the metric name for metric series, '' for alert_rate. A replay after a job
-- restart carries the same key and times and collapses on the sorting key.
CREATE TABLE IF NOT EXISTS anomalies
(
    event_ms     UInt64,
    event_date   Date DEFAULT toDate(toDateTime(intDiv(event_ms, 1000))),
    event_time   DateTime DEFAULT toDateTime(intDiv(event_ms, 1000)),
    started_ms   UInt64,
    series_key   String,
    kind         String,
    environment  String,
    service      String,
    subject      String,
    status       Enum8('firing' = 1, 'resolved' = 2),
    value        Float64,
    score        Float64
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (environment, service, series_key, started_ms, status)
;
-- Latest known state of each mined template per service. The job writes a new row whenever a
-- template changed (new lines or a generalised text); the row with the highest line_count wins
-- (FINAL or argMax(..., line_count)).
CREATE TABLE IF NOT EXISTS log_templates
(
    environment    String,
    service        String,
    template_id    String,
    template       String,
    first_seen_ms  UInt64,
    last_seen_ms   UInt64,
    last_seen_date Date DEFAULT toDate(toDateTime(intDiv(last_seen_ms, 1000))),
    line_count     UInt64
)
ENGINE = ReplacingMergeTree(line_count)
ORDER BY (environment, service, template_id)
