package dev.incidentintel.ingest.replay;

import dev.incidentintel.ingest.service.Endpoint;
import java.util.Locale;

/**
 * Input formats of {@code incident-intel replay}. JSON formats read each file as one request body,
 * or each non-blank line as one body when the file ends in {@code .ndjson} or {@code .jsonl}.
 *
 * <ul>
 *   <li>{@code alertmanager}, {@code grafana}, {@code opsgenie}, {@code lifecycle}, {@code
 *       deploys}: bodies for the endpoint of that name;
 *   <li>{@code pagerduty}: Events API v2 bodies, or v3 webhooks (bodies with an {@code event}
 *       object), told apart per body;
 *   <li>{@code ndjson}: one Alertmanager webhook body per line, whatever the file name (captured
 *       webhook streams);
 *   <li>{@code logs}: log files; {@code .ndjson}/{@code .jsonl}/{@code .json} as NDJSON, anything
 *       else as text lines with the file name (without extension) as the service;
 *   <li>{@code servicenow-csv}: the ServiceNow incident event log ({@code .csv} or {@code .zip}) as
 *       lifecycle events (see {@link ServiceNowCsv}).
 * </ul>
 */
public enum ReplayFormat {
    ALERTMANAGER(Endpoint.ALERTMANAGER),
    GRAFANA(Endpoint.GRAFANA),
    PAGERDUTY(Endpoint.PAGERDUTY),
    OPSGENIE(Endpoint.OPSGENIE),
    NDJSON(Endpoint.ALERTMANAGER),
    LIFECYCLE(Endpoint.LIFECYCLE),
    DEPLOYS(Endpoint.DEPLOYS),
    LOGS(Endpoint.LOGS),
    SERVICENOW_CSV(Endpoint.LIFECYCLE);

    private final Endpoint endpoint;

    ReplayFormat(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The endpoint bodies of this format go to (PagerDuty v3 webhooks are detected per body). */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The command-line spelling, e.g. {@code servicenow-csv}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses the command-line spelling. */
    public static ReplayFormat parse(String raw) {
        for (ReplayFormat f : values()) {
            if (f.cliName().equalsIgnoreCase(raw.trim())) {
                return f;
            }
        }
        StringBuilder names = new StringBuilder();
        for (ReplayFormat f : values()) {
            names.append(names.length() == 0 ? "" : "|").append(f.cliName());
        }
        throw new IllegalArgumentException(
                "unknown format '" + raw + "', expected one of " + names);
    }
}
