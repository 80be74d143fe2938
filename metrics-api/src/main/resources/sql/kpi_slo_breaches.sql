-- Metric: incidents breaching their acknowledge or resolve target, longest overrun first
-- (docs/METRICS.md#slo). Same population and rules as kpi_slo.sql.
-- Parameters: as kpi_slo.sql, plus :limit.
SELECT
    incident_id,
    title,
    priority,
    primary_service,
    environment,
    toString(status) AS status_name,
    detected_ms,
    ack_target AS ack_target_s,
    ack_elapsed AS ack_elapsed_s,
    ack_breached,
    resolve_target AS resolve_target_s,
    resolve_elapsed AS resolve_elapsed_s,
    resolve_breached
FROM
(
    SELECT
        incident_id, title, priority, primary_service, environment, status, detected_ms,
        transform(priority, :priorities, :ack_targets_s, toUInt64(0)) AS ack_target,
        transform(priority, :priorities, :resolve_targets_s, toUInt64(0)) AS resolve_target,
        (toInt64(ifNull(acknowledged_ms, toUInt64(:now_ms))) - toInt64(detected_ms)) / 1000 AS ack_elapsed,
        ack_elapsed > ack_target AS ack_breached,
        status = 'resolved' AND isNotNull(resolved_ms) AS resolved,
        (toInt64(if(resolved, ifNull(resolved_ms, 0), toUInt64(:now_ms))) - toInt64(detected_ms)) / 1000 AS resolve_elapsed,
        resolve_elapsed > resolve_target AS resolve_breached
    -- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
    FROM {{current_incidents}}
    WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
)
WHERE ack_target > 0 AND (ack_breached OR resolve_breached)
ORDER BY greatest(ack_elapsed - ack_target, resolve_elapsed - resolve_target) DESC, incident_id
LIMIT :limit
