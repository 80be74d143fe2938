package dev.incidentintel.events;

/**
 * Names correlation scopes. A scope is the unit within which alerts may be grouped into one
 * incident; ingest uses it as the Kafka key so that one scope is always read by one Flink subtask.
 */
public final class Scopes {
    private Scopes() {}

    /** The scope of one service in one environment: {@code environment/service}. */
    public static String serviceScope(String environment, String service) {
        return environment + "/" + service;
    }
}
