package dev.incidentintel.benchmarks.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Settings of a generated scenario. The named ones ({@link #named}) are sized for a quick run of
 * {@code incident-intel evaluate correlation}: a few thousand notifications.
 *
 * @param name scenario name
 * @param services number of services in the topology
 * @param episodes number of cascading-failure episodes
 * @param noiseAlerts number of stray single alerts (each its own episode)
 * @param horizon episode start times are spread uniformly over this period
 * @param maxDepth how many hops along dependents a cascade may spread
 * @param spread chance that a cascade spreads from an affected service to each of its dependents
 * @param maxAlertsPerService each affected service raises 1..this many distinct alerts
 * @param hopDelay a dependent's alerts start up to this long after the service it depends on
 * @param minDuration shortest firing time of an episode alert
 * @param maxDuration longest firing time of an episode alert
 * @param repeatInterval Alertmanager re-sends a firing alert (same startsAt) this often
 * @param flapChance chance that an episode alert fires, resolves and fires again (a flap)
 * @param badDeployChance chance that an episode was caused by a deploy of its root service 5-30
 *     minutes before the impact
 * @param benignDeploys deploys that cause nothing, at random times on random services
 */
public record ScenarioSpec(
        String name,
        int services,
        int episodes,
        int noiseAlerts,
        Duration horizon,
        int maxDepth,
        double spread,
        int maxAlertsPerService,
        Duration hopDelay,
        Duration minDuration,
        Duration maxDuration,
        Duration repeatInterval,
        double flapChance,
        double badDeployChance,
        int benignDeploys) {

    /** Names accepted by {@link #named}. */
    public static final List<String> NAMES = List.of("storm", "mixed", "sparse", "tiny");

    public ScenarioSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (services < 1
                || episodes < 0
                || noiseAlerts < 0
                || maxDepth < 0
                || maxAlertsPerService < 1
                || benignDeploys < 0) {
            throw new IllegalArgumentException(
                    "counts must be positive (services, maxAlertsPerService) or >= 0");
        }
        for (double p : new double[] {spread, flapChance, badDeployChance}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException(
                        "spread, flapChance and badDeployChance must be in [0, 1], got " + p);
            }
        }
        if (horizon == null
                || hopDelay == null
                || minDuration == null
                || maxDuration == null
                || repeatInterval == null
                || horizon.isNegative()
                || horizon.isZero()
                || hopDelay.isNegative()
                || repeatInterval.isNegative()
                || repeatInterval.isZero()
                || minDuration.compareTo(Duration.ofMinutes(1)) < 0
                || maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException(
                    "horizon and repeatInterval must be positive, minDuration >= 1 min and <= maxDuration");
        }
    }

    /**
     * A named scenario.
     *
     * <ul>
     *   <li>{@code storm}: dense alert storms (deep cascades, up to three alerts per service,
     *       repeats every two minutes) on 40 services over 12 hours, plus stray noise alerts;
     *   <li>{@code mixed}: many medium cascades over 6 hours on 30 services, so episodes on
     *       different services overlap in time, with flaps and noise;
     *   <li>{@code sparse}: few, well separated episodes (the easy case);
     *   <li>{@code tiny}: a handful of episodes, for tests.
     * </ul>
     */
    public static ScenarioSpec named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "storm" ->
                    new ScenarioSpec(
                            "storm",
                            40,
                            40,
                            60,
                            Duration.ofHours(12),
                            5,
                            0.9,
                            3,
                            Duration.ofSeconds(90),
                            Duration.ofMinutes(10),
                            Duration.ofMinutes(40),
                            Duration.ofMinutes(3),
                            0.1,
                            0.4,
                            60);
            case "mixed" ->
                    new ScenarioSpec(
                            "mixed",
                            30,
                            60,
                            40,
                            Duration.ofHours(6),
                            2,
                            0.6,
                            2,
                            Duration.ofSeconds(90),
                            Duration.ofMinutes(5),
                            Duration.ofMinutes(30),
                            Duration.ofMinutes(4),
                            0.25,
                            0.4,
                            40);
            case "sparse" ->
                    new ScenarioSpec(
                            "sparse",
                            20,
                            20,
                            10,
                            Duration.ofHours(24),
                            2,
                            0.6,
                            2,
                            Duration.ofSeconds(60),
                            Duration.ofMinutes(5),
                            Duration.ofMinutes(20),
                            Duration.ofMinutes(4),
                            0.1,
                            0.5,
                            20);
            case "tiny" ->
                    new ScenarioSpec(
                            "tiny",
                            6,
                            3,
                            2,
                            Duration.ofHours(3),
                            2,
                            1.0,
                            1,
                            Duration.ofSeconds(60),
                            Duration.ofMinutes(5),
                            Duration.ofMinutes(10),
                            Duration.ofMinutes(4),
                            0.0,
                            1.0,
                            2);
            default ->
                    throw new IllegalArgumentException(
                            "unknown scenario " + name + "; known: " + NAMES);
        };
    }
}
