package dev.incidentintel.app.cli;

import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.ApiServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the metrics API against a configured ClickHouse (migrating its schema first). */
@Command(name = "api", mixinStandardHelpOptions = true,
    description = "Run the metrics API (ClickHouse -> HTTP) until Ctrl-C; applies schema migrations at start.")
public final class ApiCommand implements Callable<Integer> {
  @Mixin EndpointOptions endpoints = new EndpointOptions();

  @Override
  public Integer call() throws Exception {
    String url = endpoints.clickhouseUrl.isBlank() ? ApiConfig.DEFAULT_CLICKHOUSE_URL : endpoints.clickhouseUrl;
    ApiServer server = ApiServer.start(ApiConfig.forClickHouse(endpoints.bindHost, endpoints.apiPort, url));
    System.out.printf("API listening on http://%s:%d (ClickHouse %s); Ctrl-C to stop%n",
        endpoints.bindHost, server.port(), url);
    Shutdown.closeOnExitAndWait(server);
    return 0;
  }
}
