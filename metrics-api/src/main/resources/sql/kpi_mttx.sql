-- Metric: MTTR, MTTD and MTTA per group (count, mean, median, p90 in seconds) over incidents
-- detected in [from, to), latest version of each incident (docs/METRICS.md#mttr-mttd-mtta).
--   MTTR = resolved - detected, over incidents with status resolved
--   MTTD = detected - impact_start, over all incidents
--   MTTA = acknowledged - detected, over acknowledged incidents
--   MTTR from impact = resolved - impact_start, over incidents with status resolved
--   open = status open or stale; counted, never folded into MTTR as a zero duration
-- Percentiles: linear interpolation between closest ranks (Hyndman-Fan type 7, numpy default):
--   sorted x (1-based here), h = (n - 1) * p, x[floor(h) + 1] + (h - floor(h)) * (x[floor(h) + 2] - x[floor(h) + 1])
--   (docs/METRICS.md#percentiles). ClickHouse 18.16 has no window functions, hence sorted arrays.
-- {{group_column}} is replaced by a fixed expression from the adapter whitelist, never by input.
-- Parameters: :from_ms (inclusive), :to_ms (exclusive); {{incident_filters}}: AND-conditions for
-- the filters the request sets (FilterSql; docs/METRICS.md#filters).
SELECT
    group_key,
    incidents,
    open_incidents,

    length(ttr) AS mttr_count,
    if(mttr_count = 0, NULL, arraySum(ttr) / mttr_count) AS mttr_mean,
    (greatest(mttr_count, 1) - 1) * 0.5 AS mttr_h50,
    if(mttr_count = 0, NULL,
       arrayElement(ttr, toUInt64(floor(mttr_h50)) + 1)
       + (mttr_h50 - floor(mttr_h50))
         * (arrayElement(ttr, least(toUInt64(floor(mttr_h50)) + 2, mttr_count))
            - arrayElement(ttr, toUInt64(floor(mttr_h50)) + 1))) AS mttr_median,
    (greatest(mttr_count, 1) - 1) * 0.9 AS mttr_h90,
    if(mttr_count = 0, NULL,
       arrayElement(ttr, toUInt64(floor(mttr_h90)) + 1)
       + (mttr_h90 - floor(mttr_h90))
         * (arrayElement(ttr, least(toUInt64(floor(mttr_h90)) + 2, mttr_count))
            - arrayElement(ttr, toUInt64(floor(mttr_h90)) + 1))) AS mttr_p90,

    length(ttd) AS mttd_count,
    if(mttd_count = 0, NULL, arraySum(ttd) / mttd_count) AS mttd_mean,
    (greatest(mttd_count, 1) - 1) * 0.5 AS mttd_h50,
    if(mttd_count = 0, NULL,
       arrayElement(ttd, toUInt64(floor(mttd_h50)) + 1)
       + (mttd_h50 - floor(mttd_h50))
         * (arrayElement(ttd, least(toUInt64(floor(mttd_h50)) + 2, mttd_count))
            - arrayElement(ttd, toUInt64(floor(mttd_h50)) + 1))) AS mttd_median,
    (greatest(mttd_count, 1) - 1) * 0.9 AS mttd_h90,
    if(mttd_count = 0, NULL,
       arrayElement(ttd, toUInt64(floor(mttd_h90)) + 1)
       + (mttd_h90 - floor(mttd_h90))
         * (arrayElement(ttd, least(toUInt64(floor(mttd_h90)) + 2, mttd_count))
            - arrayElement(ttd, toUInt64(floor(mttd_h90)) + 1))) AS mttd_p90,

    length(tta) AS mtta_count,
    if(mtta_count = 0, NULL, arraySum(tta) / mtta_count) AS mtta_mean,
    (greatest(mtta_count, 1) - 1) * 0.5 AS mtta_h50,
    if(mtta_count = 0, NULL,
       arrayElement(tta, toUInt64(floor(mtta_h50)) + 1)
       + (mtta_h50 - floor(mtta_h50))
         * (arrayElement(tta, least(toUInt64(floor(mtta_h50)) + 2, mtta_count))
            - arrayElement(tta, toUInt64(floor(mtta_h50)) + 1))) AS mtta_median,
    (greatest(mtta_count, 1) - 1) * 0.9 AS mtta_h90,
    if(mtta_count = 0, NULL,
       arrayElement(tta, toUInt64(floor(mtta_h90)) + 1)
       + (mtta_h90 - floor(mtta_h90))
         * (arrayElement(tta, least(toUInt64(floor(mtta_h90)) + 2, mtta_count))
            - arrayElement(tta, toUInt64(floor(mtta_h90)) + 1))) AS mtta_p90,

    length(tti) AS mtti_count,
    if(mtti_count = 0, NULL, arraySum(tti) / mtti_count) AS mtti_mean,
    (greatest(mtti_count, 1) - 1) * 0.5 AS mtti_h50,
    if(mtti_count = 0, NULL,
       arrayElement(tti, toUInt64(floor(mtti_h50)) + 1)
       + (mtti_h50 - floor(mtti_h50))
         * (arrayElement(tti, least(toUInt64(floor(mtti_h50)) + 2, mtti_count))
            - arrayElement(tti, toUInt64(floor(mtti_h50)) + 1))) AS mtti_median,
    (greatest(mtti_count, 1) - 1) * 0.9 AS mtti_h90,
    if(mtti_count = 0, NULL,
       arrayElement(tti, toUInt64(floor(mtti_h90)) + 1)
       + (mtti_h90 - floor(mtti_h90))
         * (arrayElement(tti, least(toUInt64(floor(mtti_h90)) + 2, mtti_count))
            - arrayElement(tti, toUInt64(floor(mtti_h90)) + 1))) AS mtti_p90
FROM
(
    SELECT
        {{group_column}} AS group_key,
        count() AS incidents,
        countIf(status IN ('open', 'stale')) AS open_incidents,
        -- Int64 before subtracting: UInt64 arithmetic would wrap on out-of-order timestamps.
        arraySort(groupArrayIf(
            (toInt64(ifNull(resolved_ms, 0)) - toInt64(detected_ms)) / 1000,
            status = 'resolved' AND isNotNull(resolved_ms))) AS ttr,
        arraySort(groupArray(
            (toInt64(detected_ms) - toInt64(impact_start_ms)) / 1000)) AS ttd,
        arraySort(groupArrayIf(
            (toInt64(ifNull(acknowledged_ms, 0)) - toInt64(detected_ms)) / 1000,
            isNotNull(acknowledged_ms))) AS tta,
        arraySort(groupArrayIf(
            (toInt64(ifNull(resolved_ms, 0)) - toInt64(impact_start_ms)) / 1000,
            status = 'resolved' AND isNotNull(resolved_ms))) AS tti
    FROM incidents_current FINAL
    WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
    GROUP BY group_key
)
ORDER BY group_key
