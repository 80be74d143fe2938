package dev.incidentintel.app.cli;

import dev.incidentintel.triage.Options;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The model settings shared by {@code train} and {@code evaluate triage}: an options file, the
 * classifiers to compare and the abstain threshold; flags override the file.
 */
public final class TriageModelOptions {
    @Option(
            names = "--options",
            description = "Properties file with triage.* options (see Options).")
    Path optionsFile;

    @Option(
            names = "--candidates",
            split = ",",
            description =
                    "Classifiers to compare (logistic, maxent, linear_svm, random_forest). "
                            + "Default: logistic, linear_svm, random_forest.")
    List<String> candidates;

    @Option(
            names = "--abstain-threshold",
            description = "Calibrated confidence below which to abstain.")
    Double abstainThreshold;

    /** The triage options: the file's properties with the flags applied on top. */
    Options toOptions() throws IOException {
        Properties p = new Properties();
        if (optionsFile != null) {
            try (Reader r = Files.newBufferedReader(optionsFile)) {
                p.load(r);
            }
        }
        if (candidates != null && !candidates.isEmpty()) {
            p.setProperty("triage.candidates", String.join(",", candidates));
        }
        if (abstainThreshold != null) {
            p.setProperty("triage.abstain_threshold", Double.toString(abstainThreshold));
        }
        return Options.of(p);
    }
}
