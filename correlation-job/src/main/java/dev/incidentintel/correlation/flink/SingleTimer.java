package dev.incidentintel.correlation.flink;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * One event-time timer per key, remembered in keyed state: moving it earlier replaces the old one,
 * a later wish leaves the earlier timer in place (it re-arms when it fires).
 */
final class SingleTimer {
    private SingleTimer() {}

    /** Ensures the key's timer fires no later than {@code wanted}. */
    static void atMost(ValueState<Long> timer, TimerService timers, long wanted) throws Exception {
        Long current = timer.value();
        if (current != null && current <= wanted) {
            return;
        }
        if (current != null) {
            timers.deleteEventTimeTimer(current);
        }
        timers.registerEventTimeTimer(wanted);
        timer.update(wanted);
    }
}
