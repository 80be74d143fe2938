package dev.incidentintel.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.IngestConfig;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP behaviour that does not depend on Kafka (routing, limits, error bodies), against a real
 * Jetty on an ephemeral port. Publishing to a real broker is covered by {@code
 * AlertmanagerIngestIT}.
 */
class IngestServerTest {
    private static final String ONE_ALERT =
            "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"g\",\"alerts\":[{\"labels\":{\"alertname\":\"A\","
                    + "\"service\":\"api\",\"env\":\"prod\"},\"startsAt\":\"2024-05-01T11:00:00Z\",\"fingerprint\":\"f1\"}]}";
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;

    private String start(RecordingPublisher publisher, long maxBody) {
        IngestConfig config =
                IngestConfig.defaults("127.0.0.1:1")
                        .withListen("127.0.0.1", 0)
                        .withMaxBodyBytes(maxBody);
        app = IngestServer.create(config, publisher, Clock.fixed(NOW, ZoneOffset.UTC)).start();
        return "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private HttpResponse<String> post(String url, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return EventJson.mapper().readTree(response.body());
    }

    @Test
    void healthSaysOk() throws Exception {
        String base = start(new RecordingPublisher(), 1024);
        HttpResponse<String> response =
                client.send(
                        HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void acceptedRequestPublishesKeyedEventsStampedWithTheClock() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        String base = start(publisher, 1024);
        HttpResponse<String> response =
                post(
                        base + AlertmanagerController.PATH,
                        HttpRequest.BodyPublishers.ofString(ONE_ALERT));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("fingerprints").get(0).asText()).isEqualTo("f1");
        assertThat(publisher.published).hasSize(1);
        assertThat(publisher.published.get(0).topic()).isEqualTo("alerts.v1");
        assertThat(publisher.published.get(0).key()).isEqualTo("prod/api");
        AlertEvent event = EventJson.read(publisher.published.get(0).value(), AlertEvent.class);
        assertThat(event.receivedAt()).isEqualTo(NOW);
        assertThat(event.name()).isEqualTo("A");
    }

    @Test
    void malformedJsonIs400WithFieldAndNothingIsPublished() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        String base = start(publisher, 1024);
        HttpResponse<String> response =
                post(
                        base + AlertmanagerController.PATH,
                        HttpRequest.BodyPublishers.ofString("{\"alerts\": [ {"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("malformed_json");
        assertThat(body.get("field").asText()).isEqualTo("$");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void oneBadAlertRejectsTheWholeRequest() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        String base = start(publisher, 4096);
        String twoAlerts =
                ONE_ALERT.replace(
                        "}]}", "},{\"labels\":{\"alertname\":\"B\"},\"startsAt\":\"later\"}]}");
        HttpResponse<String> response =
                post(
                        base + AlertmanagerController.PATH,
                        HttpRequest.BodyPublishers.ofString(twoAlerts));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("invalid_value");
        assertThat(body.get("field").asText()).isEqualTo("alerts[1].startsAt");
        // Nothing reaches the alerts topic; the parsed-but-invalid body is dead-lettered with its
        // reason.
        assertThat(publisher.published)
                .singleElement()
                .satisfies(
                        record -> {
                            assertThat(record.topic()).isEqualTo("ingest.dlq");
                            JsonNode letter = EventJson.mapper().readTree(record.value());
                            assertThat(letter.get("error").asText()).isEqualTo("invalid_value");
                            assertThat(letter.get("field").asText())
                                    .isEqualTo("alerts[1].startsAt");
                            assertThat(letter.get("body").asText()).isEqualTo(twoAlerts);
                        });
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        String base = start(publisher, 64);
        byte[] big = ONE_ALERT.getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length, so the client sends it chunked: the limit must hold
        // while streaming, not only from Content-Length.
        HttpResponse<String> response =
                post(
                        base + AlertmanagerController.PATH,
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(big)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void unexpectedFailureIs500WithoutDetail() throws Exception {
        RecordingPublisher publisher =
                new RecordingPublisher(
                        records -> {
                            throw new IllegalStateException(
                                    "secret detail: connection string user=admin");
                        });
        String base = start(publisher, 1024);
        HttpResponse<String> response =
                post(
                        base + AlertmanagerController.PATH,
                        HttpRequest.BodyPublishers.ofString(ONE_ALERT));

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("internal");
        assertThat(body.get("message").asText()).isEqualTo("internal error");
        assertThat(response.body())
                .doesNotContain("secret")
                .doesNotContain("Exception")
                .doesNotContain("at dev.");
    }

    @Test
    void unknownRouteAndWrongMethodAnswerJson() throws Exception {
        String base = start(new RecordingPublisher(), 1024);
        HttpResponse<String> missing =
                post(base + "/api/v1/alerts/nagios", HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).isEqualTo("not_found");

        HttpResponse<String> wrongMethod =
                client.send(
                        HttpRequest.newBuilder(URI.create(base + AlertmanagerController.PATH))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("error").asText()).isEqualTo("method_not_allowed");
    }
}
