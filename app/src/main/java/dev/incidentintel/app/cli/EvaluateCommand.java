package dev.incidentintel.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Groups the evaluation commands; each prints its figures, and one JSON object with {@code --json}.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluate a part of the pipeline on a dataset and print the figures.",
        subcommands = {
            EvaluateTriageCommand.class,
            EvaluateLogparseCommand.class,
            EvaluateNabCommand.class,
            EvaluateCorrelationCommand.class,
            CommandLine.HelpCommand.class
        })
public final class EvaluateCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
