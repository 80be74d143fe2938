package dev.incidentintel.correlation.correlate;

import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;

/**
 * Settings of alert grouping.
 *
 * @param groupGap a new alert joins an open incident of its scope when it starts within this gap of
 *     the incident's last activity (a member start or resolve); otherwise it opens a new one
 * @param staleAfter an open incident with no activity for this long (event time) is closed as stale
 *     and its state dropped, so alerts that never resolve cannot grow state forever
 * @param reopenWindow a resolved incident is kept this long; a member alert firing again within it
 *     reopens the incident instead of opening a new one (this is also the quiet period: the
 *     resolution stands only if nothing fires again within it)
 * @param flapWindow an alert that fires again within this long of resolving is flagged as flapping
 * @param attach how a new alert is scored against the open incidents within the gap, and the score
 *     it needs to join one
 * @param orderingWait alerts of a scope are correlated in event-time order: each waits until the
 *     watermark passes it; when the watermark has not moved for this long (processing time, e.g. a
 *     quiet stream) the waiting alerts are correlated at once. Zero: arrival order, immediately
 * @param allowedLateness a notification whose event time is further behind the watermark than this
 *     is late: it is still applied when its alert is already tracked (a repeat or resolve cannot
 *     change the grouping), otherwise it goes to the job's late-alerts output, uncorrelated
 * @param gate count-gated creation per severity (default: off)
 */
public record GroupingOptions(
        Duration groupGap,
        Duration staleAfter,
        Duration reopenWindow,
        Duration flapWindow,
        AttachOptions attach,
        Duration orderingWait,
        Duration allowedLateness,
        CreationGate gate)
        implements Serializable {

    public static final Duration DEFAULT_GROUP_GAP = Duration.ofMinutes(5);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(24);
    // Both 5 minutes: chosen with the scenario sweep (docs/BENCHMARKS.md); a longer reopen window
    // folds the same alert failing again for another reason into the old incident.
    public static final Duration DEFAULT_REOPEN_WINDOW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_ORDERING_WAIT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofHours(6);

    public GroupingOptions {
        if (groupGap == null || groupGap.isNegative() || groupGap.isZero()) {
            throw new IllegalArgumentException("groupGap must be positive, got " + groupGap);
        }
        if (staleAfter == null || staleAfter.compareTo(groupGap) < 0) {
            throw new IllegalArgumentException(
                    "staleAfter must be at least groupGap (" + groupGap + "), got " + staleAfter);
        }
        if (reopenWindow == null || reopenWindow.isNegative()) {
            throw new IllegalArgumentException(
                    "reopenWindow must not be negative, got " + reopenWindow);
        }
        if (flapWindow == null || flapWindow.isNegative()) {
            throw new IllegalArgumentException(
                    "flapWindow must not be negative, got " + flapWindow);
        }
        attach = attach == null ? AttachOptions.defaults() : attach;
        orderingWait = orderingWait == null ? DEFAULT_ORDERING_WAIT : orderingWait;
        allowedLateness = allowedLateness == null ? DEFAULT_ALLOWED_LATENESS : allowedLateness;
        gate = gate == null ? CreationGate.off() : gate;
        if (orderingWait.isNegative() || allowedLateness.isNegative()) {
            throw new IllegalArgumentException(
                    "orderingWait and allowedLateness must not be negative, got "
                            + orderingWait
                            + ", "
                            + allowedLateness);
        }
    }

    /** The four windows with the default attach score and ordering. */
    public GroupingOptions(
            Duration groupGap, Duration staleAfter, Duration reopenWindow, Duration flapWindow) {
        this(
                groupGap,
                staleAfter,
                reopenWindow,
                flapWindow,
                AttachOptions.defaults(),
                DEFAULT_ORDERING_WAIT,
                DEFAULT_ALLOWED_LATENESS,
                CreationGate.off());
    }

    /** Grouping gap and stale period with the default reopen and flap windows. */
    public GroupingOptions(Duration groupGap, Duration staleAfter) {
        this(groupGap, staleAfter, DEFAULT_REOPEN_WINDOW, DEFAULT_FLAP_WINDOW);
    }

    /** The defaults: 5 minute gap, 24 hour stale period, 5 minute reopen and flap windows. */
    public static GroupingOptions defaults() {
        return new GroupingOptions(DEFAULT_GROUP_GAP, DEFAULT_STALE_AFTER);
    }

    /**
     * Reads {@code group.gap}, {@code stale.after}, {@code reopen.window} and {@code flap.window}
     * (ISO-8601 durations such as PT5M), {@code ordering.wait}, {@code allowed.lateness}, the
     * attach score settings ({@link AttachOptions#of}) and the creation gate ({@link
     * CreationGate#of}).
     */
    public static GroupingOptions of(Properties p) {
        return new GroupingOptions(
                Duration.parse(p.getProperty("group.gap", DEFAULT_GROUP_GAP.toString())),
                Duration.parse(p.getProperty("stale.after", DEFAULT_STALE_AFTER.toString())),
                Duration.parse(p.getProperty("reopen.window", DEFAULT_REOPEN_WINDOW.toString())),
                Duration.parse(p.getProperty("flap.window", DEFAULT_FLAP_WINDOW.toString())),
                AttachOptions.of(p),
                Duration.parse(p.getProperty("ordering.wait", DEFAULT_ORDERING_WAIT.toString())),
                Duration.parse(
                        p.getProperty("allowed.lateness", DEFAULT_ALLOWED_LATENESS.toString())),
                CreationGate.of(p));
    }

    /** A copy with other attach settings. */
    public GroupingOptions withAttach(AttachOptions newAttach) {
        return new GroupingOptions(
                groupGap,
                staleAfter,
                reopenWindow,
                flapWindow,
                newAttach,
                orderingWait,
                allowedLateness,
                gate);
    }

    /** A copy with another ordering wait (zero: arrival order) and allowed lateness. */
    public GroupingOptions withOrdering(Duration wait, Duration lateness) {
        return new GroupingOptions(
                groupGap, staleAfter, reopenWindow, flapWindow, attach, wait, lateness, gate);
    }

    /** A copy with another creation gate. */
    public GroupingOptions withGate(CreationGate newGate) {
        return new GroupingOptions(
                groupGap,
                staleAfter,
                reopenWindow,
                flapWindow,
                attach,
                orderingWait,
                allowedLateness,
                newGate);
    }

    /** The inverse of {@link #of(Properties)}. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("group.gap", groupGap.toString());
        p.setProperty("stale.after", staleAfter.toString());
        p.setProperty("reopen.window", reopenWindow.toString());
        p.setProperty("flap.window", flapWindow.toString());
        p.putAll(attach.toProperties());
        p.setProperty("ordering.wait", orderingWait.toString());
        p.setProperty("allowed.lateness", allowedLateness.toString());
        p.putAll(gate.toProperties());
        return p;
    }
}
