package dev.incidentintel.triage.classify;

import java.io.Serializable;

/** A fitted classifier over hashed binary features: class probabilities in the target's class order. */
public interface Scorer extends Serializable {
  /** Fills {@code out} (length = number of classes) with posterior probabilities of {@code features}. */
  void posteriori(int[] features, double[] out);
}
