package dev.incidentintel.notifier.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A recurring quiet period of a channel, in a time zone: on the given days (the day the period
 * starts), from {@code start} to {@code end}; an end at or before the start runs past midnight.
 * Notifications of incidents matching {@code unless} still go out (for example P1s at night).
 *
 * @param days days the period starts on; empty means every day
 * @param start local start time (inclusive)
 * @param end local end time (exclusive)
 * @param zone time zone of the times
 * @param unless incidents never silenced by this period, or {@code null} for none
 */
public record QuietHours(
        Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone, RouteMatch unless) {
    public QuietHours {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
    }

    /** True when {@code now} lies in one of the periods. */
    public boolean covers(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        if (start.isBefore(end)) {
            return days.contains(local.getDayOfWeek()) && !t.isBefore(start) && t.isBefore(end);
        }
        // Past midnight: before the end it belongs to the period that started yesterday.
        return (days.contains(local.getDayOfWeek()) && !t.isBefore(start))
                || (days.contains(local.getDayOfWeek().minus(1)) && t.isBefore(end));
    }

    @Override
    public String toString() {
        return "quiet hours " + start + "-" + end + " " + zone;
    }
}
