-- The latest version of every incident: the one definition of "current incident state" that every
-- KPI query and Grafana panel reads (docs/METRICS.md#incident-state).
-- Why not FINAL or argMax: ReplacingMergeTree collapses versions only within one partition and only
-- at merge time, so FINAL misses versions whose detected_date moved; argMax skips NULL arguments,
-- which would resurrect a resolved_ms that a reopen cleared. LIMIT 1 BY on the version order has
-- neither problem and also hides exact duplicate snapshots (a writer may send the same one twice).
CREATE VIEW IF NOT EXISTS incidents_latest AS
SELECT *
FROM incidents
ORDER BY incident_id, version DESC
LIMIT 1 BY incident_id
