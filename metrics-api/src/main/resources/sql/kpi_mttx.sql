-- Metric: MTTR, MTTD and MTTA per group (count, mean, median, p90 in seconds) over incidents
-- detected in [from, to), latest version of each incident (docs/METRICS.md#mttr-mttd-mtta).
--   MTTR = resolved - detected, over incidents with status resolved
--   MTTD = detected - impact_start, over all incidents
--   MTTA = acknowledged - detected, over acknowledged incidents
--   MTTR from impact = resolved - impact_start, over incidents with status resolved
--   open = status open or stale; counted, never folded into MTTR as a zero duration
-- Percentiles: linear interpolation between closest ranks (Hyndman-Fan type 7, numpy default):
--   x sorted, 0-based, h = (n - 1) * p, x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])
--   (docs/METRICS.md#percentiles). Sorting every array cost about 20 ms per 300,000 values, so the two
--   order statistics are selected instead: quantileExact is nth_element at the 0-based index
--   floor(level * size), and quantilesExact takes several levels from one copy of the array.
--   Its index has no (n - 1); three constant levels land on what type 7 needs anyway:
--     0.5          -> x[floor(n / 2)]: x[floor(h) + 1] at p = 0.5 for even n; x[h] for odd n
--     0.4999999999 -> x[floor(n / 2 - 1e-10 * n)] = x[floor(h)] at p = 0.5 (n below 5 * 10^9)
--     0.9          -> x[floor(0.9 * n)] = x[floor(h) + 1] at p = 0.9 when h is not an integer (with
--                     n - 1 = 10k + r, r = 1..9: 9k + r); x[h] when it is, where only x[h] is used
--   x[floor(h)] at p = 0.9 has no constant level: nine copies of -inf shift the index, level 0.9
--   over n + 9 values picking x[floor(0.9 * (n + 9)) - 9] = x[floor(0.9 * (n - 1))].
--   MttxPercentileIT checks all four against type 7 for every n up to 200, with ties.
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
    arrayReduce('quantilesExact(0.4999999999, 0.5, 0.9)', ttr) AS mttr_selected,
    mttr_selected[1] AS mttr_lo50,
    mttr_selected[2] AS mttr_hi50,
    if(mttr_count = 0, NULL,
       if(mttr_h50 = floor(mttr_h50), mttr_lo50,
          mttr_lo50 + (mttr_h50 - floor(mttr_h50)) * (mttr_hi50 - mttr_lo50))) AS mttr_median,
    (greatest(mttr_count, 1) - 1) * 0.9 AS mttr_h90,
    arrayReduce('quantileExact(0.9)', arrayConcat(ttr, [-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf])) AS mttr_lo90,
    mttr_selected[3] AS mttr_hi90,
    if(mttr_count = 0, NULL,
       if(mttr_h90 = floor(mttr_h90), mttr_lo90,
          mttr_lo90 + (mttr_h90 - floor(mttr_h90)) * (mttr_hi90 - mttr_lo90))) AS mttr_p90,

    length(ttd) AS mttd_count,
    if(mttd_count = 0, NULL, arraySum(ttd) / mttd_count) AS mttd_mean,
    (greatest(mttd_count, 1) - 1) * 0.5 AS mttd_h50,
    arrayReduce('quantilesExact(0.4999999999, 0.5, 0.9)', ttd) AS mttd_selected,
    mttd_selected[1] AS mttd_lo50,
    mttd_selected[2] AS mttd_hi50,
    if(mttd_count = 0, NULL,
       if(mttd_h50 = floor(mttd_h50), mttd_lo50,
          mttd_lo50 + (mttd_h50 - floor(mttd_h50)) * (mttd_hi50 - mttd_lo50))) AS mttd_median,
    (greatest(mttd_count, 1) - 1) * 0.9 AS mttd_h90,
    arrayReduce('quantileExact(0.9)', arrayConcat(ttd, [-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf])) AS mttd_lo90,
    mttd_selected[3] AS mttd_hi90,
    if(mttd_count = 0, NULL,
       if(mttd_h90 = floor(mttd_h90), mttd_lo90,
          mttd_lo90 + (mttd_h90 - floor(mttd_h90)) * (mttd_hi90 - mttd_lo90))) AS mttd_p90,

    length(tta) AS mtta_count,
    if(mtta_count = 0, NULL, arraySum(tta) / mtta_count) AS mtta_mean,
    (greatest(mtta_count, 1) - 1) * 0.5 AS mtta_h50,
    arrayReduce('quantilesExact(0.4999999999, 0.5, 0.9)', tta) AS mtta_selected,
    mtta_selected[1] AS mtta_lo50,
    mtta_selected[2] AS mtta_hi50,
    if(mtta_count = 0, NULL,
       if(mtta_h50 = floor(mtta_h50), mtta_lo50,
          mtta_lo50 + (mtta_h50 - floor(mtta_h50)) * (mtta_hi50 - mtta_lo50))) AS mtta_median,
    (greatest(mtta_count, 1) - 1) * 0.9 AS mtta_h90,
    arrayReduce('quantileExact(0.9)', arrayConcat(tta, [-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf])) AS mtta_lo90,
    mtta_selected[3] AS mtta_hi90,
    if(mtta_count = 0, NULL,
       if(mtta_h90 = floor(mtta_h90), mtta_lo90,
          mtta_lo90 + (mtta_h90 - floor(mtta_h90)) * (mtta_hi90 - mtta_lo90))) AS mtta_p90,

    length(tti) AS mtti_count,
    if(mtti_count = 0, NULL, arraySum(tti) / mtti_count) AS mtti_mean,
    (greatest(mtti_count, 1) - 1) * 0.5 AS mtti_h50,
    arrayReduce('quantilesExact(0.4999999999, 0.5, 0.9)', tti) AS mtti_selected,
    mtti_selected[1] AS mtti_lo50,
    mtti_selected[2] AS mtti_hi50,
    if(mtti_count = 0, NULL,
       if(mtti_h50 = floor(mtti_h50), mtti_lo50,
          mtti_lo50 + (mtti_h50 - floor(mtti_h50)) * (mtti_hi50 - mtti_lo50))) AS mtti_median,
    (greatest(mtti_count, 1) - 1) * 0.9 AS mtti_h90,
    arrayReduce('quantileExact(0.9)', arrayConcat(tti, [-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf])) AS mtti_lo90,
    mtti_selected[3] AS mtti_hi90,
    if(mtti_count = 0, NULL,
       if(mtti_h90 = floor(mtti_h90), mtti_lo90,
          mtti_lo90 + (mtti_h90 - floor(mtti_h90)) * (mtti_hi90 - mtti_lo90))) AS mtti_p90
FROM
(
    SELECT
        {{group_column}} AS group_key,
        count() AS incidents,
        countIf(status IN ('open', 'stale')) AS open_incidents,
        -- Int64 before subtracting: UInt64 arithmetic would wrap on out-of-order timestamps.
        groupArrayIf(
            (toInt64(ifNull(resolved_ms, 0)) - toInt64(detected_ms)) / 1000,
            status = 'resolved' AND isNotNull(resolved_ms)) AS ttr,
        groupArray(
            (toInt64(detected_ms) - toInt64(impact_start_ms)) / 1000) AS ttd,
        groupArrayIf(
            (toInt64(ifNull(acknowledged_ms, 0)) - toInt64(detected_ms)) / 1000,
            isNotNull(acknowledged_ms)) AS tta,
        groupArrayIf(
            (toInt64(ifNull(resolved_ms, 0)) - toInt64(impact_start_ms)) / 1000,
            status = 'resolved' AND isNotNull(resolved_ms)) AS tti
    -- {{current_incidents}}: the latest version of each incident detected in [from, to): a snapshot plus what changed since, or incidents_current FINAL (docs/METRICS.md#incident-state)
    FROM {{current_incidents}}
    WHERE detected_ms >= :from_ms AND detected_ms < :to_ms
      {{incident_filters}}
    GROUP BY group_key
)
ORDER BY group_key
