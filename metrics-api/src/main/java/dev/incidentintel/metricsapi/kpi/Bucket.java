package dev.incidentintel.metricsapi.kpi;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.incidentintel.metricsapi.ApiException;
import java.util.Locale;

/** Calendar buckets for time series, cut in the request's time zone. A whitelist like GroupBy. */
public enum Bucket {
    HOUR,
    DAY,
    WEEK,
    MONTH;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Absent means {@link #DAY}. */
    public static Bucket parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DAY;
        }
        for (Bucket b : values()) {
            if (b.json().equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw ApiException.invalid(
                "bucket", "bucket must be one of hour, day, week, month; got '" + raw + "'");
    }
}
