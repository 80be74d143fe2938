package dev.incidentintel.correlation.correlate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attach score of one alert against one open incident, with each component. A component that
 * could not be measured (no topology for the services, no compared labels on either side) is {@code
 * NaN} and left out of the weighted mean.
 *
 * @param score weighted geometric mean of the measured components, in [0, 1]
 * @param time 0.5 ^ (gap / half-life), gap to the nearest member's start
 * @param service 1 when the incident already has the alert's service, else 0.5
 * @param topology 0.5 ^ hops to the nearest member's service, NaN when a service is unknown to the
 *     topology
 * @param labels 0.5 + 0.5 * labelSimilarity, NaN when neither side has compared labels
 * @param text 0.5 + 0.5 * textSimilarity
 * @param gapSeconds seconds between the alert's start and the nearest member's start
 * @param hops topology distance to the nearest member's service, -1 when unknown
 * @param labelSimilarity Jaccard of the compared labels' key=value pairs (NaN: none on either side)
 * @param textSimilarity best token Jaccard of the alert's normalised name with a member's name
 */
public record AttachScore(
        double score,
        double time,
        double service,
        double topology,
        double labels,
        double text,
        double gapSeconds,
        int hops,
        double labelSimilarity,
        double textSimilarity) {

    /**
     * The link's score components, as stored in {@code incident_alerts} (NaN components omitted).
     */
    public Map<String, Double> components(double threshold) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("score", score);
        m.put("threshold", threshold);
        m.put("timeScore", time);
        m.put("serviceScore", service);
        putIfMeasured(m, "topologyScore", topology);
        putIfMeasured(m, "labelScore", labels);
        m.put("textScore", text);
        m.put("textSimilarity", textSimilarity);
        putIfMeasured(m, "labelSimilarity", labelSimilarity);
        m.put("gapSeconds", gapSeconds);
        if (hops >= 0) {
            m.put("hops", (double) hops);
        }
        return m;
    }

    private static void putIfMeasured(Map<String, Double> m, String key, double value) {
        if (!Double.isNaN(value)) {
            m.put(key, value);
        }
    }
}
