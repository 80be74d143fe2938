package dev.incidentintel.app.cli;

import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.ApiServer;
import dev.incidentintel.metricsapi.ApiSettings;
import dev.incidentintel.metricsapi.triage.TriageSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the metrics API against a configured ClickHouse (migrating its schema first). */
@Command(
        name = "api",
        mixinStandardHelpOptions = true,
        description =
                "Run the metrics API (ClickHouse -> HTTP) until Ctrl-C; applies schema migrations at start.")
public final class ApiCommand implements Callable<Integer> {
    @Mixin EndpointOptions endpoints = new EndpointOptions();

    @Option(
            names = "--triage-model",
            description =
                    "Model directory for POST /api/v1/triage "
                            + "(written by `train`; reloaded when it changes). Default: TRIAGE_MODEL.")
    Path triageModel;

    @Option(
            names = "--triage-runbooks",
            description =
                    "Runbook directory for triage suggestions. " + "Default: TRIAGE_RUNBOOKS.")
    Path runbooks;

    @Option(
            names = "--triage-past-incidents",
            description =
                    "NDJSON file of past incidents for similar-incident "
                            + "search. Default: TRIAGE_PAST_INCIDENTS.")
    Path pastIncidents;

    @Override
    public Integer call() throws Exception {
        String url =
                endpoints.clickhouseUrl.isBlank()
                        ? ApiConfig.DEFAULT_CLICKHOUSE_URL
                        : endpoints.clickhouseUrl;
        TriageSettings triage = TriageSettings.fromEnvironment(System.getenv());
        triage = triageModel == null ? triage : triage.withModel(triageModel);
        triage = runbooks == null ? triage : triage.withRunbooks(runbooks);
        triage = pastIncidents == null ? triage : triage.withPastIncidents(pastIncidents);
        ApiServer server =
                ApiServer.start(
                        ApiConfig.forClickHouse(endpoints.bindHost, endpoints.apiPort, url),
                        ApiSettings.fromEnvironment(System.getenv()),
                        triage);
        System.out.printf(
                "API listening on http://%s:%d (ClickHouse %s); Ctrl-C to stop%n",
                endpoints.bindHost, server.port(), url);
        Shutdown.closeOnExitAndWait(server);
        return 0;
    }
}
