package dev.incidentintel.metricsapi.kpi;

import dev.incidentintel.metricsapi.ApiException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Parses the {@code tz} parameter. Only region ids ({@code Europe/Berlin}) and {@code UTC} are
 * accepted: ClickHouse resolves the name from its own tz database, and a region id is the only form
 * both sides agree on; fixed offsets like {@code +02:00} are refused rather than misread.
 */
public final class TimeZones {
    private TimeZones() {}

    /** {@code UTC} when absent. */
    public static ZoneId parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return ZoneOffset.UTC;
        }
        String text = raw.strip();
        if (text.equals("UTC") || text.equals("Z")) {
            return ZoneOffset.UTC;
        }
        if (!text.matches("[A-Za-z]+(/[A-Za-z0-9_+\\-]+){1,2}")) {
            throw ApiException.invalid(
                    "tz", "tz must be a region id such as Europe/Berlin or UTC; got '" + raw + "'");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw ApiException.invalid("tz", "unknown time zone '" + raw + "'");
        }
    }

    /** The name ClickHouse understands for {@code zone}. */
    public static String clickHouseName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
}
