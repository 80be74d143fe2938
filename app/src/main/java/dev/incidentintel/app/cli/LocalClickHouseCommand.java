package dev.incidentintel.app.cli;

import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.metricsapi.ApiConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a clickhouse-server child process on loopback (installing Debian's package if missing).
 */
@Command(
        name = "local-clickhouse",
        mixinStandardHelpOptions = true,
        description =
                "Run a local clickhouse-server on 127.0.0.1 until Ctrl-C (installs Debian's package if missing).")
public final class LocalClickHouseCommand implements Callable<Integer> {
    @Option(names = "--http-port", description = "HTTP port. Default: ${DEFAULT-VALUE}.")
    int httpPort = 8123;

    @Option(names = "--tcp-port", description = "Native protocol port. Default: ${DEFAULT-VALUE}.")
    int tcpPort = 9000;

    @Override
    public Integer call() throws Exception {
        LocalClickHouse ch =
                LocalClickHouse.start(
                        new LocalClickHouse.Options(
                                Home.path().resolve("clickhouse"), httpPort, tcpPort));
        Shutdown.closeOnExit(ch);
        ch.createDatabase(ApiConfig.DEFAULT_DATABASE);
        System.out.printf(
                "ClickHouse ready: CLICKHOUSE_URL=%s (pid %d, data %s); Ctrl-C to stop%n",
                ch.jdbcUrl(ApiConfig.DEFAULT_DATABASE), ch.pid(), ch.dataDir());
        Shutdown.closeOnExitAndWait(() -> {});
        return 0;
    }
}
