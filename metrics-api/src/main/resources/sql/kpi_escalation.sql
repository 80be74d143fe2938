-- Metric: escalation rate and first-contact resolution per group over incidents detected in
-- [from, to) (docs/METRICS.md#escalation).
--   escalated = escalations > 0, or tier L2/L3, or any lifecycle event 'escalate' or with tier
--               L2/L3 for the incident
--   escalation_rate = escalated / incidents
--   first_contact_resolution = resolved and not escalated / resolved (NULL when none resolved)
-- Parameters: :from_ms, :to_ms, {{incident_filters}}: AND-conditions for the set filters (FilterSql).
-- :steps_from_ms = from - 1 day: a lifecycle step of an incident comes after its detection (a day
-- covers skewed clocks), so older steps cannot escalate an incident of the window; without this
-- bound every request read the whole lifecycle history (event_date prunes its monthly partitions).
SELECT
    group_key,
    count() AS incidents,
    countIf(escalated) AS escalated_incidents,
    escalated_incidents / incidents AS escalation_rate,
    countIf(resolved) AS resolved_incidents,
    countIf(resolved AND NOT escalated) AS resolved_at_first_contact,
    if(resolved_incidents = 0, NULL, resolved_at_first_contact / resolved_incidents) AS first_contact_resolution,
    sum(escalations) AS escalations
FROM
(
    SELECT
        {{group_column}} AS group_key,
        status = 'resolved' AND isNotNull(resolved_ms) AS resolved,
        escalations,
        escalations > 0 OR tier IN ('L2', 'L3')
          OR incident_id IN (
              SELECT incident_id FROM lifecycle_events
              WHERE incident_id != '' AND (action = 'escalate' OR tier IN ('L2', 'L3'))
                AND event_ms >= :steps_from_ms
                AND event_date >= toDate(toDateTime(intDiv(greatest(toInt64(:steps_from_ms), 0), 1000)))) AS escalated
    -- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
    FROM {{current_incidents}}
    WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
)
GROUP BY group_key
ORDER BY group_key
