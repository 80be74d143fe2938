package dev.incidentintel.correlation.anomaly.series;

import java.time.Instant;

/**
 * One value of a monitored series: a per-minute log-template count, a per-minute alert count, or a
 * metric sent as an event.
 *
 * @param kind what the series measures ({@code log_rate}, {@code alert_rate}, {@code metric})
 * @param environment environment of the service
 * @param service the service the series belongs to
 * @param subject what inside the service: a template id, a metric name, or empty
 * @param time start of the bucket (rates) or the sample time (metrics)
 * @param value the count or measurement
 */
public record SeriesPoint(
        String kind,
        String environment,
        String service,
        String subject,
        Instant time,
        double value) {
    public SeriesPoint {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be blank");
        }
        if (environment == null || environment.isBlank()) {
            throw new IllegalArgumentException("environment must not be blank");
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service must not be blank");
        }
        subject = subject == null ? "" : subject;
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
    }

    /** The key of the series: one detector per distinct key. */
    public String seriesKey() {
        return kind + "/" + environment + "/" + service + "/" + subject;
    }
}
