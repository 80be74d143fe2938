package dev.incidentintel.triage.classify;

import dev.incidentintel.triage.features.FeatureVector;
import java.io.Serializable;

/**
 * A fitted classifier over a model's compact features: class probabilities in the target's class
 * order.
 */
public interface Scorer extends Serializable {
    /**
     * Fills {@code out} (length = number of classes) with posterior probabilities of {@code
     * features}.
     */
    void posteriori(FeatureVector features, double[] out);
}
