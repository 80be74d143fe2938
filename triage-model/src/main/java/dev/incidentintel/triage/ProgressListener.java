package dev.incidentintel.triage;

/** Receives progress of long steps (featurising, cross-validation folds) for a progress bar. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (step, done, total) -> {};

    /** {@code done} of {@code total} units of {@code step} are finished. */
    void progress(String step, int done, int total);
}
