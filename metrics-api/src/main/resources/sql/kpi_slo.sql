-- Metric: SLO achievement per group and priority: acknowledge and resolve targets met over incidents
-- detected in [from, to) whose priority has a target (docs/METRICS.md#slo).
--   measured (ack)  = acknowledged, or not acknowledged and the target already passed at :now_ms
--   breached (ack)  = (acknowledged_or_now - detected) > target
--   met = measured and not breached; achievement = met / measured (NULL when nothing is measured)
--   the same for resolve, with resolved_ms (status resolved) in place of acknowledged_ms.
-- Parameters: :from_ms, :to_ms, :now_ms, :priorities / :ack_targets_s / :resolve_targets_s
-- (parallel arrays of the configured targets); {{incident_filters}}: AND-conditions for the set
-- filters (FilterSql). {{group_column}} comes from the adapter whitelist.
SELECT
    group_key,
    priority,
    any(ack_target) AS ack_target_s,
    any(resolve_target) AS resolve_target_s,
    count() AS incidents,
    countIf(is_ack_measured) AS ack_measured,
    countIf(is_ack_measured AND NOT is_ack_breached) AS ack_met,
    if(ack_measured = 0, NULL, ack_met / ack_measured) AS ack_achievement,
    countIf(is_resolve_measured) AS resolve_measured,
    countIf(is_resolve_measured AND NOT is_resolve_breached) AS resolve_met,
    if(resolve_measured = 0, NULL, resolve_met / resolve_measured) AS resolve_achievement
FROM
(
    SELECT
        {{group_column}} AS group_key,
        priority,
        transform(priority, :priorities, :ack_targets_s, toUInt64(0)) AS ack_target,
        transform(priority, :priorities, :resolve_targets_s, toUInt64(0)) AS resolve_target,
        isNotNull(acknowledged_ms) AS acked,
        (toInt64(ifNull(acknowledged_ms, toUInt64(:now_ms))) - toInt64(detected_ms)) / 1000 AS ack_elapsed,
        acked OR ack_elapsed > ack_target AS is_ack_measured,
        ack_elapsed > ack_target AS is_ack_breached,
        status = 'resolved' AND isNotNull(resolved_ms) AS resolved,
        (toInt64(if(resolved, ifNull(resolved_ms, 0), toUInt64(:now_ms))) - toInt64(detected_ms)) / 1000 AS resolve_elapsed,
        resolved OR resolve_elapsed > resolve_target AS is_resolve_measured,
        resolve_elapsed > resolve_target AS is_resolve_breached
    -- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
    FROM {{current_incidents}}
    WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
)
WHERE ack_target > 0
GROUP BY group_key, priority
ORDER BY group_key, priority
