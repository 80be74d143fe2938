package dev.incidentintel.metricsapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.metricsapi.ApiConfig;
import dev.incidentintel.metricsapi.ApiServer;
import dev.incidentintel.metricsapi.ApiSettings;
import dev.incidentintel.metricsapi.triage.TriageService;
import dev.incidentintel.metricsapi.triage.TriageSettings;
import dev.incidentintel.triage.SampleModel;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /api/v1/triage} over HTTP with a small model trained by the real trainer (no
 * ClickHouse needed: the endpoint does not touch storage).
 */
class TriageEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // Nothing listens there; only the triage route is used.
    private static final String NO_CLICKHOUSE = "jdbc:clickhouse://127.0.0.1:1/none";
    @TempDir static Path dir;
    private static Path model;
    private static Path runbooks;
    private static Path incidents;

    @BeforeAll
    static void trainFixture() throws Exception {
        model = dir.resolve("model");
        SampleModel.trainInto(model, "");
        runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("database.md"), "# Database runbook\n");
        incidents = dir.resolve("past.ndjson");
        Files.writeString(
                incidents,
                String.join(
                        "\n",
                        "{\"id\":\"inc-1\",\"title\":\"postgres replication lag on orders\",\"summary\":\"replica 10 min behind\","
                                + "\"resolutionNotes\":\"restarted the replica\",\"service\":\"orders\",\"environment\":\"prod\","
                                + "\"category\":\"database\",\"openedAt\":\"2026-11-01T10:00:00Z\"}",
                        "{\"id\":\"inc-2\",\"title\":\"vpn packet loss\",\"summary\":\"router flapping\","
                                + "\"resolutionNotes\":\"replaced the switch\",\"service\":\"edge\",\"environment\":\"prod\","
                                + "\"category\":\"network\",\"openedAt\":\"2026-11-02T10:00:00Z\"}"));
    }

    private static Javalin start(TriageService triage) {
        return ApiServer.create(
                        ApiConfig.forClickHouse("127.0.0.1", 0, NO_CLICKHOUSE),
                        Clock.systemUTC(),
                        ApiSettings.defaults(),
                        triage)
                .start(0);
    }

    private static HttpResponse<String> post(Javalin app, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + app.port() + "/api/v1/triage"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static TriageService service(Path modelPath, Duration reload) {
        return TriageService.of(
                new TriageSettings(modelPath, runbooks, incidents, reload), Clock.systemUTC());
    }

    @Test
    void suggestsCategoryTeamPrioritySimilarIncidentsAndRunbook() throws Exception {
        Javalin app = start(service(model, Duration.ofMinutes(1)));
        try {
            HttpResponse<String> r =
                    post(
                            app,
                            "{\"title\":\"postgres deadlock\",\"description\":\"replication lag, query slow\","
                                    + "\"environment\":\"prod\",\"similar\":1}");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode b = JSON.readTree(r.body());
            assertThat(b.at("/category/label").asText()).isEqualTo("database");
            assertThat(b.at("/team/label").asText()).isEqualTo("team-db");
            assertThat(b.at("/category/confidence").asDouble()).isBetween(0.0, 1.0);
            assertThat(b.get("priority").asText()).isEqualTo("P1");
            assertThat(b.get("abstain").asBoolean())
                    .isEqualTo(
                            b.at("/category/abstain").asBoolean()
                                    || b.at("/team/abstain").asBoolean());
            assertThat(b.get("action").asText())
                    .isIn(TriageService.SUGGEST, TriageService.ROUTE_TO_L1);
            assertThat(b.get("similarIncidents")).hasSize(1);
            assertThat(b.at("/similarIncidents/0/id").asText()).isEqualTo("inc-1");
            assertThat(b.at("/similarIncidents/0/resolutionNotes").asText())
                    .isEqualTo("restarted the replica");
            assertThat(b.at("/runbook/path").asText()).isEqualTo("database.md");
            assertThat(b.at("/model/trainingRows").asInt()).isEqualTo(90);
            assertThat(b.at("/predictions/impact/label").asText()).isEqualTo("high");

            // An incident-shaped body (summary, alert names, one service) works the same way.
            JsonNode n =
                    JSON.readTree(
                            post(
                                            app,
                                            "{\"title\":\"edge down\",\"summary\":\"vpn router dns timeout\","
                                                    + "\"alertNames\":[\"EdgeDown\"],\"service\":\"edge\",\"urgency\":\"high\",\"impact\":\"high\"}")
                                    .body());
            assertThat(n.at("/category/label").asText()).isEqualTo("network");
            assertThat(n.get("priority").asText()).isEqualTo("P1");
            assertThat(n.get("priorityConfidence").asDouble()).isEqualTo(1.0);
        } finally {
            app.stop();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|body",
                "[1,2]|body",
                "{}|title",
                "{\"title\":\"  \",\"description\":\"\"}|title",
                "{\"title\":5}|title",
                "{\"title\":\"x\",\"alertNames\":\"A\"}|alertNames",
                "{\"title\":\"x\",\"labels\":{\"a\":1}}|labels",
                "{\"title\":\"x\",\"similar\":500}|similar",
                "{\"title\":\"x\",\"services\":[1]}|services",
            })
    void badBodiesAre400NamingTheField(String body, String field) throws Exception {
        Javalin app = start(service(model, Duration.ofMinutes(1)));
        try {
            HttpResponse<String> r = post(app, body);
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode b = JSON.readTree(r.body());
            assertThat(b.get("error").asText()).isEqualTo("invalid_parameter");
            assertThat(b.get("field").asText()).isEqualTo(field);
            assertThat(r.body()).doesNotContain("Exception");
        } finally {
            app.stop();
        }
    }

    @Test
    void withoutAModelItIs503Json() throws Exception {
        Javalin app = start(TriageService.unconfigured());
        try {
            HttpResponse<String> r = post(app, "{\"title\":\"postgres deadlock\"}");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(r.body()).get("error").asText())
                    .isEqualTo("model_unavailable");
        } finally {
            app.stop();
        }
    }

    @Test
    void picksUpAModelTrainedLaterWithoutRestart(@TempDir Path later) throws Exception {
        Path modelDir = later.resolve("model");
        Javalin app = start(service(modelDir, Duration.ZERO));
        try {
            // Configured but not trained yet: 503, then the model appears and is used.
            assertThat(post(app, "{\"title\":\"postgres deadlock\"}").statusCode()).isEqualTo(503);
            SampleModel.trainInto(modelDir, "");
            String body = "{\"title\":\"postgres deadlock\",\"description\":\"replication lag\"}";
            assertThat(JSON.readTree(post(app, body).body()).at("/category/label").asText())
                    .isEqualTo("database");

            // Retrained with other labels: the next request answers with the new model.
            SampleModel.trainInto(modelDir, "v2-");
            Path artifact = modelDir.resolve(dev.incidentintel.triage.TriageModel.ARTIFACT);
            Files.setLastModifiedTime(artifact, FileTime.from(Instant.now().plusSeconds(60)));
            assertThat(JSON.readTree(post(app, body).body()).at("/category/label").asText())
                    .isEqualTo("v2-database");
        } finally {
            app.stop();
        }
    }
}
