package dev.incidentintel.app;

import dev.incidentintel.app.cli.ApiCommand;
import dev.incidentintel.app.cli.ConfigDefaults;
import dev.incidentintel.app.cli.DemoCommand;
import dev.incidentintel.app.cli.EvaluateCommand;
import dev.incidentintel.app.cli.IngestCommand;
import dev.incidentintel.app.cli.JobCommand;
import dev.incidentintel.app.cli.LocalClickHouseCommand;
import dev.incidentintel.app.cli.LocalKafkaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code incident-intel} command line. Each subcommand runs one part of the pipeline against
 * configured endpoints; {@code demo} runs all of them on embedded defaults.
 */
@Command(
        name = "incident-intel",
        mixinStandardHelpOptions = true,
        version = "incident-intel 0.1.0-SNAPSHOT",
        description =
                "Incident intelligence: alerts -> Kafka -> Flink correlation -> ClickHouse -> API.",
        subcommands = {
            DemoCommand.class,
            EvaluateCommand.class,
            dev.incidentintel.app.cli.TrainCommand.class,
            IngestCommand.class,
            JobCommand.class,
            ApiCommand.class,
            LocalKafkaCommand.class,
            LocalClickHouseCommand.class,
            dev.incidentintel.app.cli.LocalClusterCommand.class,
            dev.incidentintel.app.cli.ClusterDdlCommand.class,
            dev.incidentintel.app.cli.ReplayCommand.class,
            dev.incidentintel.app.cli.ReportCommand.class,
            dev.incidentintel.app.cli.NotifyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses and runs {@code args}; returns the exit code. */
    public static int run(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        try {
            cl.setDefaultValueProvider(ConfigDefaults.forProcess(args, System.getenv()));
        } catch (RuntimeException e) {
            System.err.println("incident-intel: " + e.getMessage());
            return 2;
        }
        cl.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    // Operators get one readable line; the stack trace only on request.
                    System.err.println(
                            "incident-intel " + commandLine.getCommandName() + ": " + describe(e));
                    if (System.getenv("INCIDENT_INTEL_DEBUG") != null) {
                        e.printStackTrace();
                    } else {
                        System.err.println("(set INCIDENT_INTEL_DEBUG=1 for the stack trace)");
                    }
                    return 1;
                });
        return cl.execute(args);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }
}
