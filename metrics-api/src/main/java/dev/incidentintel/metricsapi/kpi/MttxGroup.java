package dev.incidentintel.metricsapi.kpi;

import java.util.Objects;

/**
 * MTTR, MTTD and MTTA for one group of incidents (docs/METRICS.md#mttr-mttd-mtta).
 *
 * @param key the group value (service, environment, severity) or {@value GroupBy#ALL_KEY}
 * @param incidents incidents detected in the window
 * @param open of those, the ones not resolved (status open or stale); they count in no MTTR
 * @param mttr resolved minus detected, over resolved incidents
 * @param mttd detected minus impact start, over all incidents
 * @param mtta acknowledged minus detected, over acknowledged incidents
 * @param mttrFromImpact resolved minus impact start, over resolved incidents
 */
public record MttxGroup(
        String key,
        long incidents,
        long open,
        DurationStats mttr,
        DurationStats mttd,
        DurationStats mtta,
        DurationStats mttrFromImpact) {

    public MttxGroup {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mttr, "mttr");
        Objects.requireNonNull(mttd, "mttd");
        Objects.requireNonNull(mtta, "mtta");
        Objects.requireNonNull(mttrFromImpact, "mttrFromImpact");
        if (incidents < 0 || open < 0 || open > incidents) {
            throw new IllegalArgumentException(
                    "need 0 <= open <= incidents, got open=" + open + ", incidents=" + incidents);
        }
        if (mttr.count() > incidents - open
                || mttd.count() > incidents
                || mtta.count() > incidents) {
            throw new IllegalArgumentException(
                    "a duration count exceeds the incidents it covers in group " + key);
        }
    }

    /** A group without the from-impact figure (kept for callers that do not compute it). */
    public MttxGroup(
            String key,
            long incidents,
            long open,
            DurationStats mttr,
            DurationStats mttd,
            DurationStats mtta) {
        this(key, incidents, open, mttr, mttd, mtta, DurationStats.empty());
    }

    /** A group with no incidents. */
    public static MttxGroup empty(String key) {
        return new MttxGroup(
                key, 0, 0, DurationStats.empty(), DurationStats.empty(), DurationStats.empty());
    }
}
