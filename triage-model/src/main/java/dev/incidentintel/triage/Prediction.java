package dev.incidentintel.triage;

/**
 * One target's suggestion.
 *
 * @param target what was predicted (category, team, impact, ...)
 * @param label the most likely label
 * @param confidence calibrated probability that {@code label} is right, in [0, 1]
 * @param abstain true when {@code confidence} is below the model's threshold: route to L1 triage
 */
public record Prediction(String target, String label, double confidence, boolean abstain) {
    public Prediction {
        if (target == null || target.isBlank()) {
            throw new TriageException("target", "target must not be blank");
        }
        if (label == null) {
            throw new TriageException("label", "label must not be null");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new TriageException("confidence", "confidence must be in [0,1]: " + confidence);
        }
    }
}
