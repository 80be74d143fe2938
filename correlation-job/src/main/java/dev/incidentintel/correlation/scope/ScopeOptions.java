package dev.incidentintel.correlation.scope;

import java.io.Serializable;
import java.util.Properties;

/**
 * How an alert's correlation scope is chosen ({@link ScopeAssigner}).
 *
 * @param topologyFile YAML topology loaded when the job starts (empty: none; updates can still
 *     arrive on {@code topology.v1})
 * @param fallbackLabel label grouping alerts whose service the topology does not know (for example
 *     {@code cluster} or {@code team}); when the alert lacks it too, the scope is its service.
 *     Empty: always the service.
 */
public record ScopeOptions(String topologyFile, String fallbackLabel) implements Serializable {

    public static final String DEFAULT_FALLBACK_LABEL = "cluster";

    public ScopeOptions {
        topologyFile = topologyFile == null ? "" : topologyFile.strip();
        fallbackLabel = fallbackLabel == null ? "" : fallbackLabel.strip();
    }

    /** No topology file, fallback label {@code cluster}. */
    public static ScopeOptions defaults() {
        return new ScopeOptions("", DEFAULT_FALLBACK_LABEL);
    }

    /** Reads {@code topology.file} and {@code scope.fallback.label}. */
    public static ScopeOptions of(Properties p) {
        return new ScopeOptions(
                p.getProperty("topology.file", ""),
                p.getProperty("scope.fallback.label", DEFAULT_FALLBACK_LABEL));
    }

    /** A copy loading another topology file. */
    public ScopeOptions withTopologyFile(String file) {
        return new ScopeOptions(file, fallbackLabel);
    }
}
