package dev.incidentintel.ingest.normalize;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.LogEvent;
import java.util.List;

/**
 * Everything one request body normalised into: canonical events per topic, plus the parts that
 * parsed but could not be normalised ({@code rejected}, only for inputs that accept partially, such
 * as NDJSON logs). {@code ignored} counts notifications deliberately dropped because they carry
 * nothing we model (e.g. an Opsgenie {@code AddTags} action); they are answered 2xx.
 */
public record Normalized(
        List<AlertEvent> alerts,
        List<LifecycleEvent> lifecycle,
        List<DeployEvent> deploys,
        List<LogEvent> logs,
        List<Rejection> rejected,
        int ignored) {

    public Normalized {
        alerts = List.copyOf(alerts);
        lifecycle = List.copyOf(lifecycle);
        deploys = List.copyOf(deploys);
        logs = List.copyOf(logs);
        rejected = List.copyOf(rejected);
        if (ignored < 0) {
            throw new IllegalArgumentException("ignored must not be negative, got " + ignored);
        }
    }

    /** Only alert events. */
    public static Normalized ofAlerts(List<AlertEvent> alerts) {
        return new Normalized(alerts, List.of(), List.of(), List.of(), List.of(), 0);
    }

    /** Only lifecycle events. */
    public static Normalized ofLifecycle(List<LifecycleEvent> events) {
        return new Normalized(List.of(), events, List.of(), List.of(), List.of(), 0);
    }

    /** Only deploy events. */
    public static Normalized ofDeploys(List<DeployEvent> events) {
        return new Normalized(List.of(), List.of(), events, List.of(), List.of(), 0);
    }

    /** A notification that was understood and deliberately not turned into events. */
    public static Normalized ignoredOne() {
        return new Normalized(List.of(), List.of(), List.of(), List.of(), List.of(), 1);
    }

    /** Number of canonical events. */
    public int eventCount() {
        return alerts.size() + lifecycle.size() + deploys.size() + logs.size();
    }

    /**
     * A part of the body that parsed but was not normalised: its position ({@code line} for NDJSON,
     * 1-based), the raw text, and the error code, message and field that explain why.
     */
    public record Rejection(int line, String raw, String error, String message, String field) {}
}
