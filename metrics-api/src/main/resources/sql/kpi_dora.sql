-- Metric: DORA change-failure rate per group: deploys finished in [from, to) (one per environment,
-- service and version; status succeeded, failed or rolled_back) and the failed ones: status failed
-- or rolled_back, or the top suspect (suspect_deploys[1]) of an incident in the same environment
-- (docs/METRICS.md#dora). A deploy's reference is service@version (service@commit without version).
-- {{deploy_group_column}} is service, environment or 'all' (adapter whitelist).
-- Parameters: :from_ms, :to_ms; {{service_filters}}: AND-conditions for the set service/environment filters.
-- :suspects_detected_from_ms = from - 1 day: the job names a deploy as a suspect only if it finished
-- at most the suspect grace (capped at 1 h, SuspectOptions) after the impact start, which precedes
-- detection, so an incident detected earlier cannot name a deploy of the window; without this bound
-- every request read the whole incident history.
SELECT
    group_key,
    count() AS deploys,
    countIf(failed) AS failed_changes,
    if(deploys = 0, NULL, failed_changes / deploys) AS change_failure_rate
FROM
(
    SELECT
        {{deploy_group_column}} AS group_key,
        environment,
        ref,
        max(status IN ('failed', 'rolled_back')) = 1
          OR (environment, ref) IN (
              -- {{current_incidents_for_suspects}}: the latest version of each incident detected from :suspects_detected_from_ms: a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
              SELECT environment, suspect_deploys[1] FROM {{current_incidents_for_suspects}}
              WHERE notEmpty(suspect_deploys) AND detected_ms >= :suspects_detected_from_ms) AS failed
    FROM
    (
        SELECT service, environment, status,
               concat(service, '@', if(version = '', commit, version)) AS ref
        FROM deploys
        WHERE event_ms >= :from_ms AND event_ms < :to_ms
          AND status IN ('succeeded', 'failed', 'rolled_back')
          {{service_filters}}
    )
    GROUP BY group_key, environment, ref
)
GROUP BY group_key
ORDER BY group_key
