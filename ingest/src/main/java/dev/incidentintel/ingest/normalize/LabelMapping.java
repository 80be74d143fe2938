package dev.incidentintel.ingest.normalize;

import dev.incidentintel.events.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which labels name an alert's service, environment and severity, and which annotations hold its
 * summary. Each list is tried in order and the first label present with a non-blank value wins, so
 * the most specific conventions come first (an explicit {@code service} label beats the scrape
 * {@code job}, which beats the {@code instance}). Service and environment fall back to {@link
 * #UNKNOWN}; severity to {@link Severity#UNKNOWN}; summary to the empty string.
 */
public record LabelMapping(
        List<String> serviceLabels,
        List<String> environmentLabels,
        List<String> severityLabels,
        List<String> summaryAnnotations) {

    /** Service or environment when no configured label is present. */
    public static final String UNKNOWN = "unknown";

    /** Default service label names, most specific first. */
    public static final List<String> DEFAULT_SERVICE_LABELS =
            List.of(
                    "service",
                    "app",
                    "application",
                    "app_kubernetes_io_name",
                    "component",
                    "job",
                    "container",
                    "host",
                    "instance");

    /** Default environment label names, most specific first. */
    public static final List<String> DEFAULT_ENVIRONMENT_LABELS =
            List.of(
                    "environment",
                    "env",
                    "stage",
                    "deployment_environment",
                    "cluster",
                    "namespace");

    /** Default severity label names. */
    public static final List<String> DEFAULT_SEVERITY_LABELS = List.of("severity", "priority");

    /** Default summary annotation names. */
    public static final List<String> DEFAULT_SUMMARY_ANNOTATIONS =
            List.of("summary", "title", "message", "description");

    public LabelMapping {
        serviceLabels = names(serviceLabels, "serviceLabels");
        environmentLabels = names(environmentLabels, "environmentLabels");
        severityLabels = names(severityLabels, "severityLabels");
        summaryAnnotations = names(summaryAnnotations, "summaryAnnotations");
    }

    /** The documented defaults. */
    public static LabelMapping defaults() {
        return new LabelMapping(
                DEFAULT_SERVICE_LABELS,
                DEFAULT_ENVIRONMENT_LABELS,
                DEFAULT_SEVERITY_LABELS,
                DEFAULT_SUMMARY_ANNOTATIONS);
    }

    /** The alert's service, or {@link #UNKNOWN}. */
    public String service(Map<String, String> labels) {
        return firstPresent(labels, serviceLabels).orElse(UNKNOWN);
    }

    /** The alert's environment, or {@link #UNKNOWN}. */
    public String environment(Map<String, String> labels) {
        return firstPresent(labels, environmentLabels).orElse(UNKNOWN);
    }

    /** The alert's severity; an unrecognised word is {@link Severity#UNKNOWN}, not a guess. */
    public Severity severity(Map<String, String> labels) {
        return firstPresent(labels, severityLabels)
                .map(Severity::fromLabel)
                .orElse(Severity.UNKNOWN);
    }

    /** The alert's one-line summary, or the empty string. */
    public String summary(Map<String, String> annotations) {
        return firstPresent(annotations, summaryAnnotations).orElse("");
    }

    private static Optional<String> firstPresent(Map<String, String> values, List<String> names) {
        for (String name : names) {
            String value = values.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static List<String> names(List<String> names, String field) {
        if (names == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(
                        field + " must not contain blank names, got " + names);
            }
        }
        return List.copyOf(names);
    }
}
