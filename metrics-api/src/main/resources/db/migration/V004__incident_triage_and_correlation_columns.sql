-- Incident fields filled by correlation (lifecycle, escalation, deploy suspects, recurrence) and by
-- triage (category, team, priority). Empty string / 0 / empty array mean "not known (yet)".
-- source tells job-made incidents ('correlation-job') from imported tickets (e.g. 'servicenow').
ALTER TABLE incidents
    ADD COLUMN source String DEFAULT 'correlation-job',
    ADD COLUMN priority String DEFAULT '',
    ADD COLUMN category String DEFAULT '',
    ADD COLUMN team String DEFAULT '',
    ADD COLUMN triage_confidence Float64 DEFAULT 0,
    ADD COLUMN tier String DEFAULT '',
    ADD COLUMN escalations UInt16 DEFAULT 0,
    ADD COLUMN reopen_count UInt16 DEFAULT 0,
    ADD COLUMN signature String DEFAULT '',
    ADD COLUMN recurrence_of String DEFAULT '',
    ADD COLUMN rarity String DEFAULT '',
    ADD COLUMN suspect_deploys Array(String),
    ADD COLUMN suspect_scores Array(Float64)
;
-- A view's column list is fixed when it is created: re-create it so it carries the new columns.
DROP TABLE IF EXISTS incidents_latest
;
CREATE VIEW IF NOT EXISTS incidents_latest AS
SELECT *
FROM incidents
ORDER BY incident_id, version DESC
LIMIT 1 BY incident_id
