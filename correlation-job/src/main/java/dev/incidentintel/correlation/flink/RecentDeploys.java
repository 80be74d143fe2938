package dev.incidentintel.correlation.flink;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.incidentintel.events.DeployEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent deploys of one environment, kept in the correlation function's broadcast state.
 * Bounded: deploys older than the retention (relative to the newest one) are dropped on insert, and
 * at most {@link #MAX_DEPLOYS} are kept.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class RecentDeploys {
    static final int MAX_DEPLOYS = 500;
    private List<DeployEvent> deploys = new ArrayList<>();

    public List<DeployEvent> deploys() {
        return deploys;
    }

    /**
     * A copy with {@code deploy} added and old ones pruned (broadcast state values are replaced,
     * not mutated).
     */
    RecentDeploys with(DeployEvent deploy, Duration retention) {
        RecentDeploys next = new RecentDeploys();
        next.deploys.addAll(deploys);
        next.deploys.add(deploy);
        java.time.Instant newest =
                next.deploys.stream()
                        .map(DeployEvent::eventTime)
                        .max(java.time.Instant::compareTo)
                        .orElseThrow();
        next.deploys.removeIf(d -> d.eventTime().isBefore(newest.minus(retention)));
        next.deploys.sort(java.util.Comparator.comparing(DeployEvent::eventTime));
        while (next.deploys.size() > MAX_DEPLOYS) {
            next.deploys.remove(0);
        }
        return next;
    }
}
