package dev.incidentintel.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * The feed reads widening detection-time spans before now or the cursor (FeedSpans: 1 h, then wider
 * ones, then everything): incidents spread over each span, some with a newer version written later,
 * must page out in the same order as without spans, whatever the page size and filter.
 */
class FeedWindowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Ages of the incidents F0 (newest) .. F6 (oldest). */
    private static final List<Duration> AGES =
            List.of(
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(50),
                    Duration.ofHours(5),
                    Duration.ofDays(3),
                    Duration.ofDays(40),
                    Duration.ofDays(300),
                    Duration.ofDays(2000));

    private static ApiServer server;
    private static String base;

    @BeforeAll
    static void startAndSeed() throws Exception {
        String url =
                SharedTestInfra.clickHouse().jdbcUrl(SharedTestInfra.uniqueName("feed_window"));
        server = ApiServer.start(ApiConfig.forClickHouse("127.0.0.1", 0, url));
        base = "http://127.0.0.1:" + server.port();
        Instant now = Instant.now();
        try (Connection c = new ClickHouseDriver().connect(url, new Properties());
                Statement s = c.createStatement()) {
            for (int i = 0; i < AGES.size(); i++) {
                long detected = now.minus(AGES.get(i)).toEpochMilli();
                // Odd incidents: resolved at version 2, written after their open version 1.
                s.execute(
                        insert(
                                "F" + i,
                                1,
                                "open",
                                detected,
                                i % 2 == 0 ? "team-even" : "team-odd"));
                if (i % 2 == 1) {
                    s.execute(insert("F" + i, 2, "resolved", detected, "team-odd"));
                }
            }
        }
    }

    private static String insert(
            String id, int version, String status, long detected, String team) {
        return "INSERT INTO incidents (incident_id, version, title, environment, services, primary_service,"
                + " severity, status, impact_start_ms, detected_ms, resolved_ms, updated_ms, alert_count,"
                + " firing_count, notification_count, team) VALUES ('"
                + id
                + "', "
                + version
                + ", 'title "
                + id
                + "', 'prod', ['svc'], 'svc', 'critical', '"
                + status
                + "', "
                + detected
                + ", "
                + detected
                + ", "
                + (status.equals("resolved") ? String.valueOf(detected + 60_000) : "NULL")
                + ", "
                + detected
                + ", 1, 0, 1, '"
                + team
                + "')";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyPageSizeGivesTheWholeFeedNewestFirstOnce() throws Exception {
        for (int limit = 1; limit <= 8; limit++) {
            assertThat(pages("", limit))
                    .as("limit %d", limit)
                    .containsExactly("F0", "F1", "F2", "F3", "F4", "F5", "F6");
        }
    }

    @Test
    void filtersSeeTheLatestVersionInEverySpan() throws Exception {
        assertThat(pages("&status=resolved", 1)).containsExactly("F1", "F3", "F5");
        assertThat(pages("&status=open", 2)).containsExactly("F0", "F2", "F4", "F6");
        assertThat(pages("&team=team-even", 3)).containsExactly("F0", "F2", "F4", "F6");
    }

    @Test
    void detailReadsTheHighestVersion() throws Exception {
        JsonNode f5 = get("/api/v1/incidents/F5");
        assertThat(f5.get("status").asText()).isEqualTo("resolved");
        assertThat(f5.get("version").asLong()).isEqualTo(2);
    }

    private static List<String> pages(String filter, int limit) throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page =
                    get(
                            "/api/v1/incidents?limit="
                                    + limit
                                    + filter
                                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("incidents").forEach(i -> seen.add(i.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);
        return seen;
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
