package dev.incidentintel.correlation.anomaly.logs;

import java.io.Serializable;

/**
 * Hyper-parameters of the Drain-style template miner.
 *
 * @param depth depth of the parse tree including the root and the length layer (Drain's {@code
 *     depth}); {@code depth - 2} leading tokens route a line to its leaf
 * @param similarityThreshold minimum share of matching tokens for a line to join an existing
 *     template (Drain's {@code st}), in (0, 1]
 * @param maxChildren maximum children of an inner tree node before new tokens share a wildcard
 *     child
 * @param maxTemplatesPerLeaf bound on templates kept in one leaf; beyond it the least recently used
 *     template is evicted, so memory stays bounded on unbounded streams
 */
public record MinerOptions(
        int depth, double similarityThreshold, int maxChildren, int maxTemplatesPerLeaf)
        implements Serializable {

    /**
     * Defaults used by the evaluation command and the Flink operator (one setting for all systems).
     */
    public static final MinerOptions DEFAULTS = new MinerOptions(4, 0.8, 100, 1_000);

    public MinerOptions {
        if (depth < 3) {
            throw new IllegalArgumentException("depth must be at least 3, was " + depth);
        }
        if (!(similarityThreshold > 0.0 && similarityThreshold <= 1.0)) {
            throw new IllegalArgumentException(
                    "similarityThreshold must be in (0, 1], was " + similarityThreshold);
        }
        if (maxChildren < 1) {
            throw new IllegalArgumentException("maxChildren must be positive, was " + maxChildren);
        }
        if (maxTemplatesPerLeaf < 1) {
            throw new IllegalArgumentException(
                    "maxTemplatesPerLeaf must be positive, was " + maxTemplatesPerLeaf);
        }
    }
}
