package dev.incidentintel.ingest.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentintel.events.json.EventJson;
import dev.incidentintel.ingest.service.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Replays over HTTP to a running ingest (the JDK client, no web framework): each item is POSTed to
 * its endpoint's path under {@code baseUrl}, with the bearer token when one is given.
 */
public final class HttpSink implements ReplaySink {
    private static final Map<Endpoint, String> PATHS =
            Map.ofEntries(
                    Map.entry(Endpoint.ALERTMANAGER, "/api/v1/alerts/alertmanager"),
                    Map.entry(Endpoint.GRAFANA, "/api/v1/alerts/grafana"),
                    Map.entry(Endpoint.PAGERDUTY, "/v2/enqueue"),
                    Map.entry(Endpoint.PAGERDUTY_CHANGE, "/v2/change/enqueue"),
                    Map.entry(Endpoint.OPSGENIE, "/api/v1/alerts/opsgenie"),
                    Map.entry(Endpoint.LIFECYCLE, "/api/v1/lifecycle"),
                    Map.entry(Endpoint.PAGERDUTY_WEBHOOK, "/api/v1/lifecycle/pagerduty"),
                    Map.entry(Endpoint.DEPLOYS, "/api/v1/deploys"),
                    Map.entry(Endpoint.GITHUB, "/api/v1/deploys/github"),
                    Map.entry(Endpoint.LOGS, "/api/v1/logs"));

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;

    /** {@code token} may be null. */
    public HttpSink(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    @Override
    public Outcome send(ReplayItem item) {
        String path = PATHS.get(item.endpoint());
        if (path == null) {
            return Outcome.rejected("unsupported", "no HTTP path for " + item.endpoint(), false);
        }
        boolean plain = item.meta().plainText();
        String url = baseUrl + path;
        if (item.meta().service() != null) {
            url += "?service=" + URLEncoder.encode(item.meta().service(), StandardCharsets.UTF_8);
        }
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .header(
                                "Content-Type",
                                plain
                                        ? "text/plain; charset=utf-8"
                                        : item.endpoint() == Endpoint.LOGS
                                                ? "application/x-ndjson"
                                                : "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(item.body()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r =
                    client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = r.body().length == 0 ? null : EventJson.mapper().readTree(r.body());
            if (r.statusCode() / 100 == 2) {
                int accepted =
                        body != null && body.has("accepted") ? body.get("accepted").asInt() : 1;
                int rejected =
                        body != null && body.has("rejected") ? body.get("rejected").asInt() : 0;
                return Outcome.ok(accepted, rejected);
            }
            String error =
                    body != null && body.has("error")
                            ? body.get("error").asText()
                            : "http_" + r.statusCode();
            String message =
                    body != null && body.has("errors")
                            ? body.get("errors").toString()
                            : body != null && body.has("message")
                                    ? body.get("message").asText()
                                    : "HTTP " + r.statusCode();
            return Outcome.rejected(error, message, r.statusCode() == 503);
        } catch (IOException e) {
            return Outcome.rejected("http_unreachable", e.toString(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.rejected("interrupted", "interrupted", false);
        }
    }
}
