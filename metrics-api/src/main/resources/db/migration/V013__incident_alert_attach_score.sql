-- Correlation (issue 4): each component of the attach score that linked an alert to an incident, as
-- typed columns next to the score_keys/score_values arrays (which keep every component, for the API),
-- so SQL can filter and chart links by component (docs/METRICS.md#attach-score).
-- For reason 'attached' the values are the joined incident's; for 'opened' they are the best
-- candidate's that scored below the threshold (why no incident was joined); NULL when not measured
-- (no candidate, services unknown to the topology, no compared labels). topology_hops -1: unknown.
ALTER TABLE incident_alerts
    ADD COLUMN attach_score Nullable(Float64),
    ADD COLUMN attach_threshold Nullable(Float64),
    ADD COLUMN time_score Nullable(Float64),
    ADD COLUMN service_score Nullable(Float64),
    ADD COLUMN topology_score Nullable(Float64),
    ADD COLUMN label_score Nullable(Float64),
    ADD COLUMN text_score Nullable(Float64),
    ADD COLUMN gap_seconds Nullable(Float64),
    ADD COLUMN topology_hops Int16 DEFAULT -1
