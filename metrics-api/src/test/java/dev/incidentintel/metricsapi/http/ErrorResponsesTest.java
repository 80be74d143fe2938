package dev.incidentintel.metricsapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.ApiServer;
import dev.incidentintel.metricsapi.health.HealthService;
import dev.incidentintel.metricsapi.incident.IncidentAlert;
import dev.incidentintel.metricsapi.incident.IncidentFilter;
import dev.incidentintel.metricsapi.incident.IncidentRepository;
import dev.incidentintel.metricsapi.incident.IncidentService;
import dev.incidentintel.metricsapi.incident.IncidentSummary;
import dev.incidentintel.metricsapi.kpi.KpiService;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failure answers over real HTTP: storage down, and a bug inside a handler. */
class ErrorResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(Javalin app, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void unreachableClickHouseGives503JsonWithoutInternals() throws Exception {
        String url =
                "jdbc:clickhouse://127.0.0.1:" + closedPort() + "/incident_intel?compress=false";
        Javalin app = ApiServer.create(ApiConfig.forClickHouse("127.0.0.1", 0, url)).start(0);
        try {
            HttpResponse<String> health = get(app, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(health.body()).get("status").asText())
                    .isEqualTo("unavailable");

            HttpResponse<String> list = get(app, "/api/v1/incidents");
            assertThat(list.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(list.body());
            assertThat(body.get("error").asText()).isEqualTo("storage_unavailable");
            assertThat(body.get("field").isNull()).isTrue();
            assertThat(list.body()).doesNotContain("Exception").doesNotContain("127.0.0.1");

            // Client mistakes stay 400 even while storage is down: validation happens first.
            assertThat(get(app, "/api/v1/kpi/mttx?groupBy=nope").statusCode()).isEqualTo(400);
        } finally {
            app.stop();
        }
    }

    @Test
    void unexpectedFailureIs500JsonWithoutDetail() throws Exception {
        IncidentRepository broken =
                new IncidentRepository() {
                    @Override
                    public List<IncidentSummary> find(IncidentFilter filter) {
                        throw new IllegalStateException("secret detail");
                    }

                    @Override
                    public Optional<IncidentSummary> findById(String id) {
                        throw new IllegalStateException("secret detail");
                    }

                    @Override
                    public List<IncidentAlert> alertsOf(String id) {
                        return List.of();
                    }

                    @Override
                    public List<dev.incidentintel.metricsapi.incident.TimelineEntry> lifecycleOf(
                            String id) {
                        return List.of();
                    }
                };
        dev.incidentintel.metricsapi.kpi.KpiRepository noKpis =
                new dev.incidentintel.metricsapi.kpi.KpiRepository() {
                    @Override
                    public List<dev.incidentintel.metricsapi.kpi.MttxGroup> mttx(
                            dev.incidentintel.metricsapi.kpi.KpiQuery query) {
                        return List.of();
                    }

                    @Override
                    public List<java.util.Map<String, Object>> table(
                            dev.incidentintel.metricsapi.kpi.TableKpi kpi,
                            dev.incidentintel.metricsapi.kpi.KpiQuery query,
                            java.util.Map<String, Object> extra) {
                        return List.of();
                    }
                };
        Javalin app =
                Javalin.create(
                                cfg ->
                                        HttpApi.configure(
                                                cfg,
                                                new IncidentService(broken),
                                                new KpiService(noKpis, Clock.systemUTC()),
                                                new HealthService(() -> true)))
                        .start(0);
        try {
            HttpResponse<String> r = get(app, "/api/v1/incidents/abc");

            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("internal_error");
            assertThat(r.body()).doesNotContain("secret").doesNotContain("IllegalState");
        } finally {
            app.stop();
        }
    }
}
