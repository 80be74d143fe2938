-- Settled snapshots of the current incident state, so KPI reads need not collapse versions with
-- FINAL (docs/METRICS.md#incident-state). ClickHouse 18.16 runs FINAL in one stream: about 20 ms per
-- 300,000 incidents before any aggregation, several times the plain read of the same rows.
--
-- The API copies incidents_current FINAL into incident_snapshots every few minutes, one partition
-- per snapshot, and logs the snapshot in incident_snapshot_log once it is complete. A KPI then
-- reads the latest logged snapshot without FINAL, minus the incidents written since it was taken,
-- plus the highest version of each of those from incidents. incident_writes says which incidents
-- were written when (server clock, filled by a materialized view on every insert into incidents).
-- Without a snapshot the reads fall back to incidents_current FINAL. Pruning drops superseded
-- snapshots and old incident_writes days (IncidentSnapshots).

CREATE TABLE IF NOT EXISTS incident_writes
(
    written_at   DateTime,
    written_date Date,
    incident_id  String
)
ENGINE = MergeTree()
PARTITION BY written_date
ORDER BY (written_at, incident_id)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS incident_writes_mv TO incident_writes AS
SELECT now() AS written_at, today() AS written_date, incident_id
FROM incidents
;
-- The columns of incidents_current, in its order, after the snapshot id. A column added to
-- incidents_current later must be added here too (IncidentSnapshotsIT compares the lists).
CREATE TABLE IF NOT EXISTS incident_snapshots
(
    snapshot           UInt64,
    incident_id        String,
    version            UInt64,
    detected_date      Date,
    detected_at        DateTime,
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
    notification_count UInt64,
    source             String,
    priority           String,
    category           String,
    team               String,
    triage_confidence  Float64,
    tier               String,
    escalations        UInt16,
    reopen_count       UInt16,
    signature          String,
    recurrence_of      String,
    rarity             String,
    suspect_deploys    Array(String),
    suspect_scores     Array(Float64)
)
ENGINE = MergeTree()
PARTITION BY snapshot
ORDER BY (detected_ms, incident_id)
;
-- One row per complete snapshot. taken_s: server time (epoch seconds) when its read began.
CREATE TABLE IF NOT EXISTS incident_snapshot_log
(
    snapshot     UInt64,
    taken_s      UInt64,
    completed_ms UInt64,
    incidents    UInt64
)
ENGINE = MergeTree()
ORDER BY snapshot
