package dev.incidentintel.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.json.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Minimal HTTP client the demo uses to post webhooks to ingest and read the API back. */
public final class ApiClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingestUrl;
    private final String apiUrl;

    public ApiClient(String ingestUrl, String apiUrl) {
        this.ingestUrl = ingestUrl;
        this.apiUrl = apiUrl;
    }

    /** Posts an Alertmanager webhook body; returns the HTTP status and the response body. */
    public HttpResponse<String> postAlertmanager(String body)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/alerts/alertmanager"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /api/v1/incidents?limit=N}: the {@code incidents} array. */
    public JsonNode incidents(int limit) throws IOException, InterruptedException {
        return get("/api/v1/incidents?limit=" + limit).path("incidents");
    }

    /** {@code GET /api/v1/kpi/mttx} over [from, to) grouped by {@code groupBy}. */
    public JsonNode mttx(Instant from, Instant to, String groupBy)
            throws IOException, InterruptedException {
        return get(
                "/api/v1/kpi/mttx?from="
                        + enc(from.toString())
                        + "&to="
                        + enc(to.toString())
                        + "&groupBy="
                        + enc(groupBy));
    }

    /** GET returning parsed JSON; throws with the status and body on anything but 200. */
    public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(apiUrl + pathAndQuery))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET "
                            + pathAndQuery
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return EventJson.mapper().readTree(response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
