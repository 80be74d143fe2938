package dev.incidentintel.correlation.scope;

import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Chooses the correlation scope of an alert, the key the correlator's state is partitioned by.
 * Pure.
 *
 * <ul>
 *   <li>service known to the topology: {@code <environment>/topo:<component>}, the connected
 *       component of the service ({@link ServiceTopology#componentOf});
 *   <li>otherwise, when the alert carries the fallback label: {@code
 *       <environment>/<label>=<value>};
 *   <li>otherwise its service: {@code <environment>/<service>} ({@link AlertEvent#scopeKey()}).
 * </ul>
 *
 * <p>Topology changes and open incidents: an alert keeps the scope it got when it started firing
 * until its pin expires ({@link #pin}), so its repeats, resolve and flaps reach the incident that
 * holds it even if a new topology moved its service to another component. Only alerts that start
 * after the change are scoped by the new topology; incidents already open are never moved or split,
 * they resolve or go stale where they are.
 */
public final class ScopeAssigner implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final ScopeOptions options;
    private final Duration keepWhileFiring;
    private final Duration keepAfterResolve;

    /**
     * @param keepWhileFiring how long a firing alert keeps its pinned scope after its last
     *     notification (the correlator's stale period: after it the incident is gone anyway)
     * @param keepAfterResolve how long a resolved alert keeps it (the reopen window: a re-fire
     *     within it must reach the incident it reopens)
     */
    public ScopeAssigner(
            ScopeOptions options, Duration keepWhileFiring, Duration keepAfterResolve) {
        this.options = options;
        this.keepWhileFiring = keepWhileFiring;
        this.keepAfterResolve = keepAfterResolve;
    }

    /** The scope of an alert under {@code topology}, ignoring pins. */
    public String scopeOf(AlertEvent alert, ServiceTopology topology) {
        Optional<String> component = topology.componentOf(alert.service());
        if (component.isPresent()) {
            return alert.environment() + "/topo:" + component.get();
        }
        String label = options.fallbackLabel();
        if (!label.isEmpty()) {
            String value = alert.labels().get(label);
            if (value != null && !value.isBlank()) {
                return alert.environment() + "/" + label + "=" + value;
            }
        }
        return alert.scopeKey();
    }

    /**
     * The pin after one notification of the alert: the current pin's scope while it has not expired
     * at the notification's event time, else the scope under {@code topology}; its expiry moves to
     * the notification's time plus the firing or resolved keep period.
     *
     * @param current the alert's pin, or {@code null}
     */
    public ScopePin pin(ScopePin current, AlertEvent alert, ServiceTopology topology) {
        Instant at = alert.eventTime();
        boolean valid = current != null && current.expiresAt().isAfter(at);
        String scope = valid ? current.scope() : scopeOf(alert, topology);
        Instant expiry = at.plus(alert.firing() ? keepWhileFiring : keepAfterResolve);
        if (valid && current.expiresAt().isAfter(expiry)) {
            expiry = current.expiresAt(); // an out-of-order notification never shortens the pin
        }
        return new ScopePin(scope, expiry);
    }

    /** True when the pin may be dropped at event time {@code now}. */
    public static boolean expired(ScopePin pin, Instant now) {
        return !pin.expiresAt().isAfter(now);
    }
}
