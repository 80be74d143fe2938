package dev.incidentintel.app.cli;

import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.ApiServer;
import dev.incidentintel.metricsapi.ApiSettings;
import dev.incidentintel.metricsapi.report.MonthlyReport;
import dev.incidentintel.metricsapi.report.ReportRenderer;
import dev.incidentintel.metricsapi.report.ReportService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code incident-intel report monthly --month YYYY-MM --out DIR}: writes the monthly trend report
 * (docs/METRICS.md#monthly-trend-report) as HTML with inline SVG charts and as Markdown, from the
 * incidents in ClickHouse.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Reports from the incidents in ClickHouse.",
        subcommands = ReportCommand.Monthly.class)
public final class ReportCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "name a report: monthly");
    }

    /** The monthly trend report. */
    @Command(
            name = "monthly",
            mixinStandardHelpOptions = true,
            description = "Write incident-report-YYYY-MM.html and .md for one UTC calendar month.")
    public static final class Monthly implements Callable<Integer> {
        @Option(names = "--month", required = true, description = "YYYY-MM (UTC calendar month)")
        String month;

        @Option(
                names = "--out",
                required = true,
                description = "Directory to write the report into")
        Path out;

        @Option(
                names = "--clickhouse-url",
                defaultValue = "${env:CLICKHOUSE_URL:-}",
                description =
                        "jdbc:clickhouse://host:8123/incident_intel?compress=false (env CLICKHOUSE_URL)")
        String clickhouseUrl;

        @Override
        public Integer call() throws Exception {
            String url =
                    clickhouseUrl == null || clickhouseUrl.isBlank()
                            ? ApiConfig.DEFAULT_CLICKHOUSE_URL
                            : clickhouseUrl;
            ReportService reports =
                    ApiServer.reports(
                            ApiConfig.forClickHouse("127.0.0.1", 0, url),
                            ApiSettings.fromEnvironment(System.getenv()));
            MonthlyReport report = reports.monthly(ReportService.parseMonth(month));
            Files.createDirectories(out);
            Path html = out.resolve("incident-report-" + report.month() + ".html");
            Path md = out.resolve("incident-report-" + report.month() + ".md");
            Files.writeString(html, ReportRenderer.html(report), StandardCharsets.UTF_8);
            Files.writeString(md, ReportRenderer.markdown(report), StandardCharsets.UTF_8);
            System.out.printf(
                    "wrote %s and %s (%d incidents in %s)%n",
                    html, md, report.incidents(), report.month());
            return 0;
        }
    }
}
