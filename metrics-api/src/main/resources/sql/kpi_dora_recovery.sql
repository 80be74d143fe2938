-- Metric: DORA failed-deploy recovery time: for each resolved incident whose top suspect deploy
-- finished in [from, to), the time from that deploy to the incident's resolution, in seconds
-- (docs/METRICS.md#dora). Summary over those: count, mean, median (type 7 percentiles as in
-- kpi_mttx.sql) and the list itself, oldest deploy first.
-- Parameters: :from_ms, :to_ms; {{service_filters}}: AND-conditions for the set service/environment filters.
-- :suspects_detected_from_ms = from - 1 day: the job names a deploy as a suspect only if it finished
-- at most the suspect grace (capped at 1 h, SuspectOptions) after the impact start, which precedes
-- detection, so an incident detected earlier cannot name a deploy of the window; without this bound
-- every request read the whole incident history.
SELECT
    count() AS recoveries,
    if(recoveries = 0, NULL, avg(recovery_s)) AS recovery_mean_s,
    arraySort(groupArray(recovery_s)) AS sorted_s,
    (greatest(recoveries, 1) - 1) * 0.5 AS h50,
    if(recoveries = 0, NULL,
       arrayElement(sorted_s, toUInt64(floor(h50)) + 1)
       + (h50 - floor(h50))
         * (arrayElement(sorted_s, least(toUInt64(floor(h50)) + 2, recoveries))
            - arrayElement(sorted_s, toUInt64(floor(h50)) + 1))) AS recovery_median_s,
    groupArray(incident_id) AS incident_ids,
    groupArray(ref) AS deploy_refs
FROM
(
    SELECT incident_id, ref, (toInt64(resolved) - toInt64(deploy_ms)) / 1000 AS recovery_s
    FROM
    (
        SELECT incident_id, environment, suspect_deploys[1] AS ref, ifNull(resolved_ms, 0) AS resolved
        -- {{current_incidents_for_suspects}}: the latest version of each incident detected from :suspects_detected_from_ms: a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
        FROM {{current_incidents_for_suspects}}
        WHERE notEmpty(suspect_deploys) AND status = 'resolved' AND isNotNull(resolved_ms)
          AND detected_ms >= :suspects_detected_from_ms
    )
    ANY INNER JOIN
    (
        SELECT environment, concat(service, '@', if(version = '', commit, version)) AS ref,
               max(event_ms) AS deploy_ms
        FROM deploys
        WHERE event_ms >= :from_ms AND event_ms < :to_ms
          AND status IN ('succeeded', 'failed', 'rolled_back')
          {{service_filters}}
        GROUP BY environment, ref
    ) USING (environment, ref)
    ORDER BY deploy_ms, incident_id
)
