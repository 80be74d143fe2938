package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;

/**
 * The contextual detector as a stream runs it when the series' range is not known in advance: one
 * or two {@link ContextAnomalyDetector} memories, each on a fixed range, handed over as the range
 * is learnt and as the values outgrow it. Stages, with the settings of {@link ContextOptions}:
 *
 * <ol>
 *   <li>Warm-up: the current memory buffers its first {@code learnPoints} values to learn the
 *       range. Meanwhile a provisional memory, which learnt its range from the first {@code
 *       earlyPoints} values, scores (a short series is not blind for its first {@code learnPoints}
 *       values); it is dropped as soon as the current memory knows its range.
 *   <li>Steady state: the current memory scores every value; values outside its (widened) range are
 *       clamped into its edge buckets.
 *   <li>Growth: a value outside the current memory's range starts a successor memory on the range
 *       of every value seen so far, widened by {@code growthMargin} of its width on both sides. The
 *       successor learns the next {@code handoverPoints} values while the current memory keeps
 *       scoring (its scores are not used), then replaces it: a memory whose buckets follow the
 *       series takes over only once it has learnt enough not to find everything new. A value
 *       outside the successor's range too starts it again on the new extremes.
 * </ol>
 *
 * <p>Bounded: at most two memories at a time (the provisional one is dropped before a successor can
 * start), so the state is at most twice {@link
 * ContextAnomalyDetector#maxStateBytes(ContextOptions)} plus the warm-up buffers. A detector built
 * with a known range ({@link #AdaptiveRangeContext(ContextOptions, double, double)}) has no
 * provisional memory, and grows only if values leave that range. Not thread-safe; one instance per
 * series.
 */
public final class AdaptiveRangeContext implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ContextOptions options;
    private ContextAnomalyDetector current;
    private ContextAnomalyDetector provisional;
    private ContextAnomalyDetector successor;
    private int successorSeen;
    private double lowest = Double.POSITIVE_INFINITY;
    private double highest = Double.NEGATIVE_INFINITY;
    private int handovers;

    /** A detector that learns the series' range. */
    public AdaptiveRangeContext(ContextOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.current = new ContextAnomalyDetector(options);
        if (options.earlyPoints() > 0) {
            this.provisional =
                    new ContextAnomalyDetector(options.withLearning(options.earlyPoints(), 0, 0));
        }
    }

    /**
     * A detector told the series' range [{@code min}, {@code max}]: it scores from the first value.
     */
    public AdaptiveRangeContext(ContextOptions options, double min, double max) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.current = new ContextAnomalyDetector(options, min, max);
    }

    /**
     * Learns {@code value} and returns its anomaly score in [0, 1] (0 until some memory knows a
     * range).
     */
    public double update(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0.0;
        }
        double score = current.update(value);
        if (provisional != null) {
            double early = provisional.update(value);
            if (current.rangeKnown()) {
                provisional = null;
            } else {
                score = early;
            }
        }
        lowest = Math.min(lowest, value);
        highest = Math.max(highest, value);
        if (successor != null) {
            successor.update(value);
            if (++successorSeen >= options.handoverPoints()) {
                current = successor;
                successor = null;
                handovers++;
            }
        }
        if (options.handoverPoints() > 0
                && current.rangeKnown()
                && !current.covers(value)
                && (successor == null || !successor.covers(value))) {
            double margin = options.growthMargin() * (highest - lowest);
            successor = new ContextAnomalyDetector(options, lowest - margin, highest + margin);
            successorSeen = 0;
            successor.update(value);
        }
        return score;
    }

    /** Times a successor memory has replaced the current one. */
    public int handovers() {
        return handovers;
    }

    /** True while a successor memory is learning. */
    public boolean growing() {
        return successor != null;
    }

    /** True while the provisional memory of the warm-up scores. */
    public boolean provisional() {
        return provisional != null;
    }

    /** Bytes held by the memories' arrays now; see {@link ContextAnomalyDetector#stateBytes()}. */
    public long stateBytes() {
        return current.stateBytes()
                + (provisional == null ? 0 : provisional.stateBytes())
                + (successor == null ? 0 : successor.stateBytes());
    }

    /**
     * Upper bound, in bytes, of the arrays one detector with {@code options} can hold (warm-up
     * buffers left out, as in {@link ContextAnomalyDetector#maxStateBytes}): two memories.
     */
    public static long maxStateBytes(ContextOptions options) {
        return 2 * ContextAnomalyDetector.maxStateBytes(options);
    }
}
