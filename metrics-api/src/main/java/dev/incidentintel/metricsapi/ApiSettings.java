package dev.incidentintel.metricsapi;

import dev.incidentintel.metricsapi.auth.ReadTokens;
import dev.incidentintel.metricsapi.kpi.SloTargets;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Behaviour settings of the API beside where it listens ({@link ApiConfig}): SLO targets and read
 * tokens. Defaults: documented SLO targets, tokens off.
 *
 * <p>From the environment: {@code API_READ_TOKENS} ({@code token=kpi:read+incidents:read;token2=*})
 * and {@code API_SLO_TARGETS} ({@code P1=PT15M/PT4H,P2=PT30M/PT8H}).
 */
public record ApiSettings(SloTargets sloTargets, ReadTokens readTokens) {
  public ApiSettings {
    Objects.requireNonNull(sloTargets, "sloTargets");
    Objects.requireNonNull(readTokens, "readTokens");
  }

  public static ApiSettings defaults() {
    return new ApiSettings(SloTargets.defaults(), ReadTokens.off());
  }

  /** Reads the two environment variables; absent ones keep the defaults. */
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
    return new ApiSettings(
        SloTargets.fromProperties(slo), ReadTokens.parse(env.get("API_READ_TOKENS")));
  }
}
