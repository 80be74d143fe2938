package dev.incidentintel.correlation.suspect;

import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.SuspectDeploy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Scores recent deploys as suspects for an incident. Pure.
 *
 * <p>A deploy is a candidate when it is in the incident's environment, on a service at a known
 * topology distance from one of the incident's services (0 = the same service), and happened
 * between {@code lookback} before and {@code grace} after the impact start. Its score is the
 * product of:
 *
 * <ul>
 *   <li>{@code timeScore} = 0.5 ^ (minutes before impact / half-life minutes), 1 for deploys after
 *       the impact start (within the grace);
 *   <li>{@code topologyScore} = 1 / (1 + distance);
 *   <li>{@code statusWeight}: failed or rolled back 1.0, succeeded 0.8, only started 0.6.
 * </ul>
 *
 * Only the latest event per (service, version) counts, so a deploy reported as started then
 * succeeded is one candidate. Ties keep the more recent deploy first.
 */
public final class DeploySuspector {

    /** Distance between two services in the topology, empty when they are not connected. */
    public interface ServiceDistance {
        OptionalInt between(String a, String b);

        /** Without a topology: only the same service is at a known distance (0). */
        ServiceDistance SAME_SERVICE_ONLY =
                (a, b) -> a.equals(b) ? OptionalInt.of(0) : OptionalInt.empty();
    }

    private final SuspectOptions options;

    public DeploySuspector(SuspectOptions options) {
        this.options = options;
    }

    /** The best suspects for an incident, best first. */
    public List<SuspectDeploy> suspects(
            String environment,
            Collection<String> services,
            Instant impactStart,
            Collection<DeployEvent> deploys,
            ServiceDistance distance) {
        Map<String, DeployEvent> latestPerVersion = new java.util.HashMap<>();
        for (DeployEvent d : deploys) {
            if (!d.environment().equals(environment)) {
                continue;
            }
            if (d.eventTime().isBefore(impactStart.minus(options.lookback()))
                    || d.eventTime().isAfter(impactStart.plus(options.grace()))) {
                continue;
            }
            latestPerVersion.merge(
                    d.service() + "@" + d.version() + "#" + d.commit(),
                    d,
                    (a, b) -> b.eventTime().isAfter(a.eventTime()) ? b : a);
        }
        List<SuspectDeploy> scored = new ArrayList<>();
        for (DeployEvent d : latestPerVersion.values()) {
            OptionalInt best = OptionalInt.empty();
            for (String service : services) {
                OptionalInt dist = distance.between(service, d.service());
                if (dist.isPresent() && (best.isEmpty() || dist.getAsInt() < best.getAsInt())) {
                    best = dist;
                }
            }
            if (best.isEmpty()) {
                continue;
            }
            double minutesBefore =
                    Math.max(0, Duration.between(d.eventTime(), impactStart).toMillis() / 60_000.0);
            double timeScore =
                    Math.pow(0.5, minutesBefore / (options.halfLife().toMillis() / 60_000.0));
            double topologyScore = 1.0 / (1 + best.getAsInt());
            double statusWeight = statusWeight(d.status());
            double score = timeScore * topologyScore * statusWeight;
            scored.add(
                    new SuspectDeploy(
                            d.service(),
                            d.environment(),
                            d.version(),
                            d.commit(),
                            d.status(),
                            d.eventTime(),
                            d.url(),
                            score,
                            Map.of(
                                    "timeScore", timeScore,
                                    "topologyScore", topologyScore,
                                    "statusWeight", statusWeight,
                                    "minutesBeforeImpact", minutesBefore,
                                    "distance", (double) best.getAsInt())));
        }
        scored.sort(
                Comparator.comparingDouble(SuspectDeploy::score)
                        .reversed()
                        .thenComparing(SuspectDeploy::deployedAt, Comparator.reverseOrder()));
        return scored.size() > options.maxSuspects()
                ? List.copyOf(scored.subList(0, options.maxSuspects()))
                : scored;
    }

    static double statusWeight(DeployStatus status) {
        return switch (status) {
            case FAILED, ROLLED_BACK -> 1.0;
            case SUCCEEDED -> 0.8;
            case STARTED -> 0.6;
        };
    }
}
