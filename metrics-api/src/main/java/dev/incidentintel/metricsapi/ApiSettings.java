package dev.incidentintel.metricsapi;

import dev.incidentintel.metricsapi.auth.ReadTokens;
import dev.incidentintel.metricsapi.kpi.SloTargets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Behaviour settings of the API beside where it listens ({@link ApiConfig}): SLO targets, read
 * tokens and how often incident snapshots are taken. Defaults: documented SLO targets, tokens off,
 * a snapshot every {@link #DEFAULT_SNAPSHOT_INTERVAL}.
 *
 * <p>From the environment: {@code API_READ_TOKENS} ({@code
 * token=kpi:read+incidents:read;token2=*}), {@code API_SLO_TARGETS} ({@code
 * P1=PT15M/PT4H,P2=PT30M/PT8H}) and {@code API_SNAPSHOT_INTERVAL} (ISO-8601, {@code PT0S} = off:
 * KPIs read {@code incidents_current FINAL}).
 *
 * @param snapshotInterval how often {@link ApiServer#start} takes an incident snapshot
 *     (docs/METRICS.md#snapshots-kpis), which KPIs then read; zero for neither: KPIs read {@code
 *     incidents_current FINAL}, whatever snapshots other instances take
 */
public record ApiSettings(SloTargets sloTargets, ReadTokens readTokens, Duration snapshotInterval) {
    /** Five minutes: a snapshot of a million incidents takes about two seconds of one core. */
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofMinutes(5);

    public ApiSettings {
        Objects.requireNonNull(sloTargets, "sloTargets");
        Objects.requireNonNull(readTokens, "readTokens");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        if (snapshotInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "snapshotInterval must not be negative, got " + snapshotInterval);
        }
    }

    /** Settings with the default snapshot interval. */
    public ApiSettings(SloTargets sloTargets, ReadTokens readTokens) {
        this(sloTargets, readTokens, DEFAULT_SNAPSHOT_INTERVAL);
    }

    public static ApiSettings defaults() {
        return new ApiSettings(SloTargets.defaults(), ReadTokens.off());
    }

    /** Reads the three environment variables; absent ones keep the defaults. */
    public static ApiSettings fromEnvironment(Map<String, String> env) {
        Properties slo = new Properties();
        String targets = env.getOrDefault("API_SLO_TARGETS", "");
        for (String entry : targets.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            String[] durations = kv.length == 2 ? kv[1].split("/", 2) : new String[0];
            if (durations.length != 2) {
                throw new IllegalArgumentException(
                        "API_SLO_TARGETS entries look like P1=PT15M/PT4H, got '" + entry + "'");
            }
            slo.setProperty("slo." + kv[0].strip() + ".ack", durations[0].strip());
            slo.setProperty("slo." + kv[0].strip() + ".resolve", durations[1].strip());
        }
        String interval = env.getOrDefault("API_SNAPSHOT_INTERVAL", "").strip();
        Duration snapshotInterval;
        try {
            snapshotInterval =
                    interval.isEmpty() ? DEFAULT_SNAPSHOT_INTERVAL : Duration.parse(interval);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "API_SNAPSHOT_INTERVAL must be an ISO-8601 duration such as PT5M, got '"
                            + interval
                            + "'",
                    e);
        }
        return new ApiSettings(
                SloTargets.fromProperties(slo),
                ReadTokens.parse(env.get("API_READ_TOKENS")),
                snapshotInterval);
    }
}
