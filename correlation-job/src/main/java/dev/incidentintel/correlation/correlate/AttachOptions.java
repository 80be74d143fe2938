package dev.incidentintel.correlation.correlate;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Weights and threshold of the attach score ({@link AttachScorer}). Every weight is >= 0 and at
 * least one is positive; the score is the weighted mean of the components that could be measured,
 * so it stays in [0, 1] and {@code threshold} reads the same with or without a topology or labels.
 *
 * @param timeWeight weight of the time-gap component
 * @param serviceWeight weight of the same-service component
 * @param topologyWeight weight of the topology-distance component
 * @param labelWeight weight of the shared-labels component
 * @param textWeight weight of the title-similarity component
 * @param threshold an alert joins the best-scoring open incident only when its score is at least
 *     this; otherwise it opens a new incident
 * @param timeHalfLife the time component halves for every this much the alert starts outside the
 *     incident's span of member starts
 * @param labelKeys labels compared by the shared-labels component (Jaccard of their key=value
 *     pairs)
 */
public record AttachOptions(
        double timeWeight,
        double serviceWeight,
        double topologyWeight,
        double labelWeight,
        double textWeight,
        double threshold,
        Duration timeHalfLife,
        List<String> labelKeys)
        implements Serializable {

    public static final double DEFAULT_TIME_WEIGHT = 1.0;
    public static final double DEFAULT_SERVICE_WEIGHT = 0.25;
    public static final double DEFAULT_TOPOLOGY_WEIGHT = 1.0;
    public static final double DEFAULT_LABEL_WEIGHT = 0.5;
    public static final double DEFAULT_TEXT_WEIGHT = 0.25;
    public static final double DEFAULT_THRESHOLD = 0.4;
    public static final Duration DEFAULT_TIME_HALF_LIFE = Duration.ofMinutes(1);
    public static final List<String> DEFAULT_LABEL_KEYS =
            List.of("cluster", "namespace", "region", "team");

    public AttachOptions {
        double[] weights = {timeWeight, serviceWeight, topologyWeight, labelWeight, textWeight};
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(
                        "attach weights must be finite and >= 0, got " + Arrays.toString(weights));
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one attach weight must be positive");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "attach threshold must be in [0, 1], got " + threshold);
        }
        if (timeHalfLife == null || timeHalfLife.isNegative() || timeHalfLife.isZero()) {
            throw new IllegalArgumentException(
                    "attach time half-life must be positive, got " + timeHalfLife);
        }
        labelKeys = labelKeys == null ? List.of() : List.copyOf(labelKeys);
    }

    /** The defaults (tuned on the generated scenarios, docs/BENCHMARKS.md). */
    public static AttachOptions defaults() {
        return new AttachOptions(
                DEFAULT_TIME_WEIGHT,
                DEFAULT_SERVICE_WEIGHT,
                DEFAULT_TOPOLOGY_WEIGHT,
                DEFAULT_LABEL_WEIGHT,
                DEFAULT_TEXT_WEIGHT,
                DEFAULT_THRESHOLD,
                DEFAULT_TIME_HALF_LIFE,
                DEFAULT_LABEL_KEYS);
    }

    /**
     * Reads {@code attach.weight.time}, {@code attach.weight.service}, {@code
     * attach.weight.topology}, {@code attach.weight.labels}, {@code attach.weight.text}, {@code
     * attach.threshold}, {@code attach.time.half.life} (ISO-8601) and {@code attach.labels}
     * (comma-separated).
     */
    public static AttachOptions of(Properties p) {
        AttachOptions d = defaults();
        String labels = p.getProperty("attach.labels", String.join(",", d.labelKeys));
        return new AttachOptions(
                Double.parseDouble(
                        p.getProperty("attach.weight.time", Double.toString(d.timeWeight))),
                Double.parseDouble(
                        p.getProperty("attach.weight.service", Double.toString(d.serviceWeight))),
                Double.parseDouble(
                        p.getProperty("attach.weight.topology", Double.toString(d.topologyWeight))),
                Double.parseDouble(
                        p.getProperty("attach.weight.labels", Double.toString(d.labelWeight))),
                Double.parseDouble(
                        p.getProperty("attach.weight.text", Double.toString(d.textWeight))),
                Double.parseDouble(p.getProperty("attach.threshold", Double.toString(d.threshold))),
                Duration.parse(p.getProperty("attach.time.half.life", d.timeHalfLife.toString())),
                Arrays.stream(labels.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /** The inverse of {@link #of(Properties)}. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("attach.weight.time", Double.toString(timeWeight));
        p.setProperty("attach.weight.service", Double.toString(serviceWeight));
        p.setProperty("attach.weight.topology", Double.toString(topologyWeight));
        p.setProperty("attach.weight.labels", Double.toString(labelWeight));
        p.setProperty("attach.weight.text", Double.toString(textWeight));
        p.setProperty("attach.threshold", Double.toString(threshold));
        p.setProperty("attach.time.half.life", timeHalfLife.toString());
        p.setProperty("attach.labels", String.join(",", labelKeys));
        return p;
    }

    /** A copy with another threshold. */
    public AttachOptions withThreshold(double newThreshold) {
        return new AttachOptions(
                timeWeight,
                serviceWeight,
                topologyWeight,
                labelWeight,
                textWeight,
                newThreshold,
                timeHalfLife,
                labelKeys);
    }
}
