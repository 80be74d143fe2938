package dev.incidentintel.ingest.service;

/**
 * Every input of the ingest stage, with the integration name its tokens are configured under
 * ({@code ingest.auth.<integration>.tokens}) and the label its metrics carry. Generic JSON
 * integrations use their own configured name instead.
 */
public enum Endpoint {
    ALERTMANAGER("alertmanager"),
    GRAFANA("grafana"),
    PAGERDUTY("pagerduty"),
    PAGERDUTY_CHANGE("pagerduty"),
    OPSGENIE("opsgenie"),
    GENERIC("generic"),
    LIFECYCLE("lifecycle"),
    PAGERDUTY_WEBHOOK("pagerduty_webhook"),
    DEPLOYS("deploys"),
    GITHUB("github"),
    LOGS("logs");

    private final String integration;

    Endpoint(String integration) {
        this.integration = integration;
    }

    /** Name of the integration in token configuration. */
    public String integration() {
        return integration;
    }

    /** Lower-case name used as a metrics label and in dead letters. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
