package dev.incidentintel.metricsapi.kpi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Acknowledge and resolve targets per priority (docs/METRICS.md#slo). Defaults: P1 15 min / 4 h, P2
 * 30 min / 8 h, P3 1 h / 24 h, P4 4 h / 72 h, P5 8 h / 168 h. Incidents whose priority has no
 * target are not measured.
 *
 * @param targets priority to target, non-empty
 */
public record SloTargets(Map<String, Target> targets) {
    /**
     * One priority's targets.
     *
     * @param acknowledge longest acceptable detected-to-acknowledged time, positive
     * @param resolve longest acceptable detected-to-resolved time, positive
     */
    public record Target(Duration acknowledge, Duration resolve) {
        public Target {
            if (acknowledge == null || acknowledge.isNegative() || acknowledge.isZero()) {
                throw new IllegalArgumentException(
                        "acknowledge target must be positive: " + acknowledge);
            }
            if (resolve == null || resolve.isNegative() || resolve.isZero()) {
                throw new IllegalArgumentException("resolve target must be positive: " + resolve);
            }
        }
    }

    public SloTargets {
        Objects.requireNonNull(targets, "targets");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets must name at least one priority");
        }
        targets = Collections.unmodifiableMap(new TreeMap<>(targets));
    }

    /** The documented defaults. */
    public static SloTargets defaults() {
        return new SloTargets(
                Map.of(
                        "P1", new Target(Duration.ofMinutes(15), Duration.ofHours(4)),
                        "P2", new Target(Duration.ofMinutes(30), Duration.ofHours(8)),
                        "P3", new Target(Duration.ofHours(1), Duration.ofHours(24)),
                        "P4", new Target(Duration.ofHours(4), Duration.ofHours(72)),
                        "P5", new Target(Duration.ofHours(8), Duration.ofHours(168))));
    }

    /**
     * The defaults overridden by {@code slo.<priority>.ack} and {@code slo.<priority>.resolve}
     * (ISO-8601 durations such as {@code PT15M}); a new priority needs both.
     */
    public static SloTargets fromProperties(Properties properties) {
        Map<String, Target> out = new TreeMap<>(defaults().targets());
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("slo.")) {
                continue;
            }
            String[] parts = key.split("\\.");
            if (parts.length != 3 || !(parts[2].equals("ack") || parts[2].equals("resolve"))) {
                throw new IllegalArgumentException(
                        "unknown SLO key '"
                                + key
                                + "'; use slo.<priority>.ack or slo.<priority>.resolve");
            }
            String priority = parts[1];
            Target old = out.get(priority);
            Duration ack =
                    duration(
                            properties,
                            "slo." + priority + ".ack",
                            old == null ? null : old.acknowledge());
            Duration resolve =
                    duration(
                            properties,
                            "slo." + priority + ".resolve",
                            old == null ? null : old.resolve());
            if (ack == null || resolve == null) {
                throw new IllegalArgumentException(
                        "priority "
                                + priority
                                + " has no default targets: set both slo."
                                + priority
                                + ".ack and slo."
                                + priority
                                + ".resolve");
            }
            out.put(priority, new Target(ack, resolve));
        }
        return new SloTargets(out);
    }

    private static Duration duration(Properties properties, String key, Duration fallback) {
        String raw = properties.getProperty(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Duration.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    key + " must be an ISO-8601 duration such as PT15M, got '" + raw + "'", e);
        }
    }
}
