package dev.incidentintel.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Canonical severity, ordered from most to least severe. Sources use many vocabularies (Prometheus
 * {@code severity} labels, PagerDuty, Opsgenie P1..P5); {@link #fromLabel} maps the common ones and
 * keeps everything else as {@link #UNKNOWN} rather than guessing.
 */
public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO,
    UNKNOWN;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is more severe than {@code other}. */
    public boolean moreSevereThan(Severity other) {
        return ordinal() < other.ordinal();
    }

    /** The more severe of two severities. */
    public static Severity max(Severity a, Severity b) {
        return a.moreSevereThan(b) ? a : b;
    }

    /** Maps a source's severity word (case-insensitive) to the canonical scale. */
    @JsonCreator
    public static Severity fromLabel(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "critical":
            case "crit":
            case "fatal":
            case "emergency":
            case "page":
            case "disaster":
            case "p1":
                return CRITICAL;
            case "error":
            case "err":
            case "high":
            case "major":
            case "p2":
                return ERROR;
            case "warning":
            case "warn":
            case "average":
            case "minor":
            case "medium":
            case "p3":
                return WARNING;
            case "info":
            case "informational":
            case "information":
            case "low":
            case "none":
            case "ok":
            case "p4":
            case "p5":
                return INFO;
            default:
                return UNKNOWN;
        }
    }
}
