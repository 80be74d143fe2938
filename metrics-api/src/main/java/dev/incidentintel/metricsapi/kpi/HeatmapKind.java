package dev.incidentintel.metricsapi.kpi;

import dev.incidentintel.metricsapi.ApiException;

/** The two heat maps (docs/METRICS.md#heat-maps). */
public enum HeatmapKind {
    WEEKDAY_HOUR("weekday-hour", TableKpi.HEATMAP_WEEKDAY_HOUR),
    SERVICE_WEEK("service-week", TableKpi.HEATMAP_SERVICE_WEEK);

    private final String json;
    private final TableKpi query;

    HeatmapKind(String json, TableKpi query) {
        this.json = json;
        this.query = query;
    }

    public String json() {
        return json;
    }

    TableKpi query() {
        return query;
    }

    /** Absent means {@link #WEEKDAY_HOUR}. */
    public static HeatmapKind parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return WEEKDAY_HOUR;
        }
        for (HeatmapKind k : values()) {
            if (k.json.equals(raw.strip())) {
                return k;
            }
        }
        throw ApiException.invalid(
                "kind", "kind must be weekday-hour or service-week; got '" + raw + "'");
    }
}
