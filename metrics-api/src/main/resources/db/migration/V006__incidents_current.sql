-- The current state of every incident, maintained on write (docs/METRICS.md#incident-state).
-- Before, every KPI read the view incidents_latest, which sorted the whole incidents table (all
-- versions) by incident_id on every request: seconds at 1 M incidents. Now a materialized view
-- copies each inserted incidents row into incidents_current, a ReplacingMergeTree(version) whose
-- sorting key starts with detected_ms, so a window [from, to) reads only its own granules, and the
-- queries read it with FINAL, which picks the highest version per key even before parts merge.
--
-- Correct because detected_ms never changes for an incident (the correlation job sets it when it
-- opens the incident, a ticket import at its opened_at; later snapshots carry it over): all
-- versions of an incident share (detected_ms, incident_id) and the partition toYYYYMM(detected_date),
-- so FINAL collapses them. FINAL keeps whole rows, so a resolved_ms cleared by a reopen stays NULL
-- (argMax would skip the NULL). Equal versions are identical re-sent snapshots.
--
-- A column added to incidents later must be added here and to the materialized view's list too
-- (the list is explicit so that such an ALTER cannot break inserts into incidents).

CREATE TABLE IF NOT EXISTS incidents_current
(
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
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(detected_date)
ORDER BY (detected_ms, incident_id)
;
CREATE MATERIALIZED VIEW IF NOT EXISTS incidents_current_mv TO incidents_current AS
SELECT
    incident_id, version, detected_date, detected_at, title, environment, services, primary_service,
    severity, status, impact_start_ms, detected_ms, acknowledged_ms, mitigated_ms, resolved_ms,
    closed_ms, updated_ms, alert_count, firing_count, notification_count, source, priority, category,
    team, triage_confidence, tier, escalations, reopen_count, signature, recurrence_of, rarity,
    suspect_deploys, suspect_scores
FROM incidents
;
-- Rows written before this migration (a row inserted meanwhile arrives twice: same version, collapsed).
INSERT INTO incidents_current
SELECT
    incident_id, version, detected_date, detected_at, title, environment, services, primary_service,
    severity, status, impact_start_ms, detected_ms, acknowledged_ms, mitigated_ms, resolved_ms,
    closed_ms, updated_ms, alert_count, firing_count, notification_count, source, priority, category,
    team, triage_confidence, tier, escalations, reopen_count, signature, recurrence_of, rarity,
    suspect_deploys, suspect_scores
FROM incidents
;
-- The view keeps its name and meaning for Grafana panels and ad-hoc SQL; the API's SQL reads
-- incidents_current FINAL directly, so its window conditions use the primary key.
DROP TABLE IF EXISTS incidents_latest
;
CREATE VIEW IF NOT EXISTS incidents_latest AS
SELECT *
FROM incidents_current
FINAL
