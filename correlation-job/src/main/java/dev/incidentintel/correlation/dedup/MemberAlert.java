package dev.incidentintel.correlation.dedup;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import java.time.Instant;

/**
 * What the job remembers about one alert (one fingerprint) inside an incident. Mutable on purpose:
 * it lives in Flink keyed state and is changed in place by {@link AlertDeduplicator}; it is
 * serialised as JSON at checkpoints, so fields may be added without breaking savepoints.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class MemberAlert {
    private String fingerprint;
    private String name;
    private String service;
    private Severity severity;
    private AlertStatus status;
    private Instant firstFiringAt;
    private Instant lastFiringAt;
    private Instant resolvedAt;
    private long notifications;
    private int flaps;
    private boolean flapping;

    /** For JSON. */
    MemberAlert() {}

    /** A copy that shares no mutable part with this one (every field is a value). */
    public MemberAlert copy() {
        MemberAlert m = new MemberAlert();
        m.fingerprint = fingerprint;
        m.name = name;
        m.service = service;
        m.severity = severity;
        m.status = status;
        m.firstFiringAt = firstFiringAt;
        m.lastFiringAt = lastFiringAt;
        m.resolvedAt = resolvedAt;
        m.notifications = notifications;
        m.flaps = flaps;
        m.flapping = flapping;
        return m;
    }

    /** A member created from its first firing notification. */
    public static MemberAlert firstFiring(AlertEvent alert) {
        MemberAlert m = new MemberAlert();
        m.fingerprint = alert.fingerprint();
        m.name = alert.name();
        m.service = alert.service();
        m.severity = alert.severity();
        m.status = AlertStatus.FIRING;
        m.firstFiringAt = alert.startsAt();
        m.lastFiringAt = alert.startsAt();
        m.notifications = 1;
        return m;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String name() {
        return name;
    }

    public String service() {
        return service;
    }

    public Severity severity() {
        return severity;
    }

    public AlertStatus status() {
        return status;
    }

    public boolean firing() {
        return status == AlertStatus.FIRING;
    }

    public Instant firstFiringAt() {
        return firstFiringAt;
    }

    /** Start time of the most recent firing episode of this alert. */
    public Instant lastFiringAt() {
        return lastFiringAt;
    }

    /** When the alert resolved, or {@code null} while it fires. */
    public Instant resolvedAt() {
        return resolvedAt;
    }

    /** Notifications received for this alert, repeats included. */
    public long notifications() {
        return notifications;
    }

    /** How many times the alert fired again after having resolved. */
    public int flaps() {
        return flaps;
    }

    /** True once the alert fired again within the flap window after resolving. */
    public boolean flapping() {
        return flapping;
    }

    /** Latest moment this alert changed state (a start or a resolve). */
    public Instant lastActivity() {
        return resolvedAt != null && resolvedAt.isAfter(lastFiringAt) ? resolvedAt : lastFiringAt;
    }

    void countNotification() {
        notifications++;
    }

    void refire(Instant startsAt, Severity newSeverity, java.time.Duration flapWindow) {
        if (!startsAt.isAfter(resolvedAt.plus(flapWindow))) {
            flapping = true;
        }
        status = AlertStatus.FIRING;
        resolvedAt = null;
        lastFiringAt = startsAt;
        severity = newSeverity;
        flaps++;
    }

    void resolve(Instant at) {
        status = AlertStatus.RESOLVED;
        resolvedAt = at.isBefore(lastFiringAt) ? lastFiringAt : at;
    }

    void raiseSeverity(Severity candidate) {
        if (candidate.moreSevereThan(severity)) {
            severity = candidate;
        }
    }
}
