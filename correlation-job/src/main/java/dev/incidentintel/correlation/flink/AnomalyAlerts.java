package dev.incidentintel.correlation.flink;

import dev.incidentintel.correlation.anomaly.series.Anomaly;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an {@link Anomaly} into an {@link AlertEvent} with source {@code anomaly}, so anomalies go
 * through deduplication and correlation like any alert (and can set an incident's impact start).
 * The fingerprint is derived from the series key: one alert identity per series.
 */
public final class AnomalyAlerts {
    /** Source name of anomaly alerts. */
    public static final String SOURCE = "anomaly";

    private AnomalyAlerts() {}

    /** The alert notification for {@code a}: firing when it opens, resolved when it closes. */
    public static AlertEvent toAlert(Anomaly a) {
        String name =
                switch (a.kind()) {
                    case "log_rate" -> "AnomalousLogRate";
                    case "alert_rate" -> "AnomalousAlertRate";
                    default -> "AnomalousMetric";
                };
        String summary =
                String.format(
                        Locale.ROOT,
                        "%s of %s%s at %.4g (score %.2f)",
                        a.kind(),
                        a.service(),
                        a.subject().isEmpty() ? "" : " / " + a.subject(),
                        a.value(),
                        a.score());
        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                SOURCE,
                a.firing() ? a.startedAt() : a.time(),
                a.time(),
                fingerprint(a.seriesKey()),
                a.firing() ? AlertStatus.FIRING : AlertStatus.RESOLVED,
                name,
                a.service(),
                a.environment(),
                Severity.WARNING,
                summary,
                Map.of(
                        "kind",
                        a.kind(),
                        "subject",
                        a.subject(),
                        "score",
                        String.format(Locale.ROOT, "%.3f", a.score())),
                Map.of(),
                a.startedAt(),
                a.firing() ? null : a.time(),
                "",
                a.seriesKey());
    }

    /** 16 hex digits of FNV-1a over {@code "anomaly:" + seriesKey}. */
    static String fingerprint(String seriesKey) {
        long h = 0xcbf29ce484222325L;
        String key = "anomaly:" + seriesKey;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }
}
