package dev.incidentintel.events;

import java.util.List;

/**
 * Kafka topic names shared by every stage. Versioned: a breaking layout change gets a new topic.
 */
public final class Topics {
    private Topics() {}

    public static final String ALERTS = "alerts.v1";
    public static final String LIFECYCLE = "lifecycle.v1";
    public static final String DEPLOYS = "deploys.v1";
    public static final String LOGS = "logs.v1";
    public static final String INCIDENTS = "incidents.v1";
    public static final String TOPOLOGY = "topology.v1";

    /** Alerts the correlation job received too late to correlate (beyond its allowed lateness). */
    public static final String ALERTS_LATE = "alerts.late.v1";

    public static final String DLQ = "ingest.dlq";

    /** Every topic the pipeline reads or writes, for creating them up front. */
    public static final List<String> ALL =
            List.of(ALERTS, LIFECYCLE, DEPLOYS, LOGS, INCIDENTS, TOPOLOGY, ALERTS_LATE, DLQ);
}
