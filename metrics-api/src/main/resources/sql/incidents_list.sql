-- Metric: incident feed: the latest version of each incident, newest detected first (ties by id),
-- filtered and searched, one page after the cursor (docs/METRICS.md#incident-feed); also one
-- incident by id (docs/METRICS.md#incident-detail), so both answers carry the same columns.
-- {{incidents}} is a fixed source from the adapter: incidents_current FINAL for the feed (with the
-- span and cursor conditions below repeated as PREWHERE, so FINAL merges only those rows), the
-- highest version of incidents for :id for the detail.
-- {{list_filters}}: AND conditions for the filters the request sets, and for the cursor when it
-- has one (the adapter's whitelist; an unset filter adds nothing, so ClickHouse 18.16, which does
-- not fold ':x = '''' OR ...', does not evaluate it on every row). q matches title, services, team
-- and category case-insensitively as a substring, or the incident id exactly. Cursor: the
-- (detected_ms, incident_id) of the last incident of the previous page.
-- Parameters: :environment :service :status :team :priority :category :q (bound only when set),
-- :cursor_ms, :cursor_id (only with a cursor), :limit (page size + 1, to tell whether a next page exists),
-- :min_ms (only incidents detected at or after it: the adapter widens it until the page is full,
-- so the primary key of incidents_current skips older granules; 0 = all).
SELECT
    incident_id,
    version,
    title,
    environment,
    services,
    primary_service,
    severity,
    toString(status) AS status_name,
    impact_start_ms,
    detected_ms,
    acknowledged_ms,
    mitigated_ms,
    resolved_ms,
    closed_ms,
    alert_count,
    firing_count,
    notification_count,
    source,
    priority,
    category,
    team,
    tier,
    escalations,
    reopen_count,
    signature,
    recurrence_of,
    suspect_deploys
FROM {{incidents}}
WHERE detected_ms >= :min_ms
  {{list_filters}}
ORDER BY detected_ms DESC, incident_id ASC
LIMIT :limit
