package dev.incidentintel.metricsapi.kpi;

/**
 * The KPI queries whose answer is a plain table, each kept in {@code sql/<file>.sql} and defined at
 * {@code docs/METRICS.md#<anchor>}. The storage adapter owns how each is parameterised.
 */
public enum TableKpi {
    SLO_PRIORITIES("kpi_slo", "slo"),
    SLO_BREACHES("kpi_slo_breaches", "slo"),
    RECURRENCE("kpi_recurrence", "recurrence"),
    RECURRENCE_SIGNATURES("kpi_recurrence_signatures", "recurrence"),
    ESCALATION("kpi_escalation", "escalation"),
    BACKLOG("kpi_backlog", "backlog"),
    VOLUME("kpi_volume", "volume"),
    HEATMAP_WEEKDAY_HOUR("kpi_heatmap_weekday_hour", "heat-maps"),
    HEATMAP_SERVICE_WEEK("kpi_heatmap_service_week", "heat-maps"),
    /** Per service, with its rules as arrays that {@link NoiseRules} turns into rows. */
    NOISE("kpi_noise", "noise"),
    DORA("kpi_dora", "dora"),
    DORA_RECOVERY("kpi_dora_recovery", "dora");

    private final String file;
    private final String anchor;

    TableKpi(String file, String anchor) {
        this.file = file;
        this.anchor = anchor;
    }

    /** The SQL resource name, without folder and extension. */
    public String file() {
        return file;
    }

    /** Where the figures are defined. */
    public String definitions() {
        return MetricDocs.DEFINITIONS + "#" + anchor;
    }
}
