package dev.incidentintel.metricsapi.kpi;

/** Where the figures served by the API are defined. Every KPI response links here. */
public final class MetricDocs {
    /** Path of the metric definitions in the repository. */
    public static final String DEFINITIONS = "docs/METRICS.md";

    private MetricDocs() {}
}
