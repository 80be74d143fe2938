package dev.incidentintel.triage.classify;

import dev.incidentintel.triage.Prediction;
import dev.incidentintel.triage.calibrate.IsotonicCalibrator;
import dev.incidentintel.triage.features.FeatureVector;
import java.io.Serializable;
import java.util.List;

/**
 * The fitted model of one target: the winning classifier, its class names, the confidence
 * calibrator fitted on its held-out predictions and the abstain threshold.
 */
public final class TargetModel implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String target;
    private final String[] classes;
    private final Algorithm algorithm;
    private final Scorer scorer;
    private final IsotonicCalibrator calibrator;
    private final double threshold;

    public TargetModel(
            String target,
            List<String> classes,
            Algorithm algorithm,
            Scorer scorer,
            IsotonicCalibrator calibrator,
            double threshold) {
        this.target = target;
        this.classes = classes.toArray(String[]::new);
        this.algorithm = algorithm;
        this.scorer = scorer;
        this.calibrator = calibrator;
        this.threshold = threshold;
    }

    public String target() {
        return target;
    }

    public List<String> classes() {
        return List.of(classes);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public double threshold() {
        return threshold;
    }

    /** A copy abstaining below another threshold. */
    public TargetModel withThreshold(double newThreshold) {
        return new TargetModel(
                target, List.of(classes), algorithm, scorer, calibrator, newThreshold);
    }

    /** Index of the top class and its calibrated confidence. */
    public Prediction predict(FeatureVector features) {
        double[] post = new double[classes.length];
        scorer.posteriori(features, post);
        int best = argmax(post);
        double conf = calibrator.confidence(post[best]);
        return new Prediction(target, classes[best], conf, conf < threshold);
    }

    /** Index of the top class. */
    public int predictIndex(FeatureVector features) {
        double[] post = new double[classes.length];
        scorer.posteriori(features, post);
        return argmax(post);
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
