package dev.incidentintel.correlation.anomaly.series;

import java.time.Instant;
import java.util.Map;

/**
 * Metric series sent as log events: a log event whose attributes hold {@code metric} (the series
 * name) and {@code value} (a finite decimal number) is one sample of the series {@code
 * metric/ENV/SERVICE/NAME} and is not mined as a log line. Anything else is an ordinary log line.
 */
public final class MetricSamples {
    /** Series kind of metric samples. */
    public static final String KIND = "metric";

    /** Attribute naming the metric. */
    public static final String METRIC = "metric";

    /** Attribute holding the sample value. */
    public static final String VALUE = "value";

    private MetricSamples() {}

    /** True when {@code attributes} make the event a metric sample (see the class comment). */
    public static boolean isSample(Map<String, String> attributes) {
        return valueOf(attributes) != null;
    }

    /** The sample carried by an event, or null when it is an ordinary log line. */
    public static SeriesPoint of(
            String environment, String service, Instant time, Map<String, String> attributes) {
        Double value = valueOf(attributes);
        return value == null
                ? null
                : new SeriesPoint(
                        KIND, environment, service, attributes.get(METRIC).strip(), time, value);
    }

    private static Double valueOf(Map<String, String> attributes) {
        if (attributes == null) {
            return null;
        }
        String name = attributes.get(METRIC);
        String raw = attributes.get(VALUE);
        if (name == null || name.isBlank() || raw == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(raw.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
