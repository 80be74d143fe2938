package dev.incidentintel.metricsapi.http;

import dev.incidentintel.metricsapi.ApiException;
import dev.incidentintel.metricsapi.report.MonthlyReport;
import dev.incidentintel.metricsapi.report.ReportRenderer;
import dev.incidentintel.metricsapi.report.ReportService;
import io.javalin.http.Context;
import java.util.Objects;

/** {@code GET /api/v1/reports/monthly?month=YYYY-MM&format=html|markdown}. */
public final class ReportController {
    private final ReportService service;

    public ReportController(ReportService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    public void monthly(Context ctx) {
        String format = ctx.queryParam("format");
        boolean markdown = "markdown".equals(format);
        if (format != null && !format.isBlank() && !markdown && !"html".equals(format)) {
            throw ApiException.invalid(
                    "format", "format must be html or markdown; got '" + format + "'");
        }
        MonthlyReport report = service.monthly(ReportService.parseMonth(ctx.queryParam("month")));
        if (markdown) {
            ctx.contentType("text/markdown; charset=utf-8").result(ReportRenderer.markdown(report));
        } else {
            ctx.contentType("text/html; charset=utf-8").result(ReportRenderer.html(report));
        }
    }
}
