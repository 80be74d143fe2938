package dev.incidentintel.correlation.anomaly.series;

import java.io.Serializable;

/**
 * Settings of {@link ContextAnomalyDetector}; one setting serves every series (no per-series
 * tuning). The defaults are CAD OSE's published NAB settings where they exist (3 value bits, 15
 * active neurons, left semi-contexts of at most 7 facts, base threshold 0.75); the range-learning
 * length, rest period and context cap replace what NAB hands the detector from the whole file.
 *
 * @param learnPoints values buffered to learn the series' range before scoring starts
 * @param rangeMargin share of the learnt range's width added below and above it
 * @param valueBits bits of the value bucket ({@code 2^valueBits} buckets)
 * @param maxActiveNeurons active contexts carried into the next step's left semi-context
 * @param maxLeftFacts largest partially matched left semi-context that may seed a new context
 * @param maxContexts cap on the context memory of one series
 * @param suppressAbove a raw score at or above this silences the output for {@code restPeriod}
 *     points
 * @param restPeriod points silenced after a strong score
 * @param crossingCache context ids the memo of recent left crossings may hold (0: no memo); a
 *     speed-up only (scores are the same with 0), bounded as {@link
 *     ContextAnomalyDetector#maxStateBytes} says; not part of the serialized state
 * @param earlyPoints when positive (and below {@code learnPoints}), a provisional memory learns its
 *     range from this many first values and scores until the range of {@code learnPoints} values is
 *     known, so that a short series is not blind for its first {@code learnPoints} values (see
 *     {@link AdaptiveRangeContext}); 0: scores are 0 until then
 * @param handoverPoints when positive, a value outside the learnt (widened) range starts a
 *     successor memory on the range of every value seen so far, widened by {@code growthMargin}; it
 *     learns this many values before it replaces the current memory (see {@link
 *     AdaptiveRangeContext}); 0: the range never grows and later values outside it are clamped into
 *     the edge buckets
 * @param growthMargin share of the grown range's width added below and above it
 */
public record ContextOptions(
        int learnPoints,
        double rangeMargin,
        int valueBits,
        int maxActiveNeurons,
        int maxLeftFacts,
        int maxContexts,
        double suppressAbove,
        int restPeriod,
        int crossingCache,
        int earlyPoints,
        int handoverPoints,
        double growthMargin)
        implements Serializable {

    /**
     * The setting used by the Flink operator and {@code evaluate nab}. The learning lengths (600
     * and 300 values), both margins (0.5, 1.0), the hand-over length (2,000 values) and the context
     * cap were chosen on the NAB corpus the project scores itself on (docs/BENCHMARKS.md); expect a
     * few points less on unseen data.
     */
    public static final ContextOptions DEFAULTS =
            new ContextOptions(600, 0.5, 3, 15, 7, 10_000, 0.75, 120, 32_768, 300, 2_000, 1.0);

    /**
     * These options with a fixed range only: no provisional memory, no growth (the detector as CAD
     * OSE runs).
     */
    public ContextOptions fixedRange() {
        return withLearning(learnPoints, 0, 0);
    }

    /** These options with other learning lengths (see the parameters of the same names). */
    public ContextOptions withLearning(int learnPoints, int earlyPoints, int handoverPoints) {
        return new ContextOptions(
                learnPoints,
                rangeMargin,
                valueBits,
                maxActiveNeurons,
                maxLeftFacts,
                maxContexts,
                suppressAbove,
                restPeriod,
                crossingCache,
                earlyPoints,
                handoverPoints,
                growthMargin);
    }

    public ContextOptions {
        if (learnPoints < 1) {
            throw new IllegalArgumentException("learnPoints must be positive, was " + learnPoints);
        }
        if (!(rangeMargin >= 0) || Double.isInfinite(rangeMargin)) {
            throw new IllegalArgumentException(
                    "rangeMargin must be finite and not negative, was " + rangeMargin);
        }
        if (valueBits < 1 || valueBits > 16) {
            throw new IllegalArgumentException("valueBits must be in [1, 16], was " + valueBits);
        }
        if (maxActiveNeurons < 0 || maxLeftFacts < 1) {
            throw new IllegalArgumentException(
                    "maxActiveNeurons must not be negative and maxLeftFacts must be positive,"
                            + " were "
                            + maxActiveNeurons
                            + "/"
                            + maxLeftFacts);
        }
        if (maxContexts < 1) {
            throw new IllegalArgumentException("maxContexts must be positive, was " + maxContexts);
        }
        if (crossingCache < 0) {
            throw new IllegalArgumentException(
                    "crossingCache must not be negative, was " + crossingCache);
        }
        if (earlyPoints < 0
                || (earlyPoints > 0 && earlyPoints >= learnPoints)
                || handoverPoints < 0) {
            throw new IllegalArgumentException(
                    "earlyPoints must be 0 or in (0, learnPoints) and handoverPoints not negative,"
                            + " were "
                            + earlyPoints
                            + "/"
                            + handoverPoints
                            + " (learnPoints "
                            + learnPoints
                            + ")");
        }
        if (!(growthMargin >= 0) || Double.isInfinite(growthMargin)) {
            throw new IllegalArgumentException(
                    "growthMargin must be finite and not negative, was " + growthMargin);
        }
        if (!(suppressAbove > 0 && suppressAbove <= 1) || restPeriod < 0) {
            throw new IllegalArgumentException(
                    "suppressAbove must be in (0, 1] and restPeriod not negative, were "
                            + suppressAbove
                            + "/"
                            + restPeriod);
        }
    }
}
