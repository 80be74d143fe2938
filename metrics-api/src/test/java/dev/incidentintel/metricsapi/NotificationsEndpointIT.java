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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * {@code GET /api/v1/notifications} over rows written as the notifier writes them (a pending row,
 * then its outcome) in a real ClickHouse: latest state per key, filters, window, paging, 400s.
 */
class NotificationsEndpointIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiServer server;
    private static String base;

    @BeforeAll
    static void startAndSeed() throws Exception {
        String url = SharedTestInfra.clickHouse().jdbcUrl(SharedTestInfra.uniqueName("notif_api"));
        server = ApiServer.start(ApiConfig.forClickHouse("127.0.0.1", 0, url));
        base = "http://127.0.0.1:" + server.port();
        String cols =
                "(idempotency_key, incident_id, incident_version, channel, channel_kind, kind, changes, what_changed,"
                        + " reason, outcome, attempts, http_status, error, decided_ms, recorded_ms, body, covers, title, environment,"
                        + " status, severity, priority, services, suspects, reopen_count)";
        try (Connection c = new ClickHouseDriver().connect(url, new Properties());
                Statement st = c.createStatement()) {
            st.execute(
                    "INSERT INTO notifications "
                            + cols
                            + " VALUES"
                            // i-1 opened: pending, then sent on the second attempt (the later row
                            // wins)
                            + " ('i-1:1:slack', 'i-1', 1, 'slack', 'slack', 'open', ['opened'], 'opened: Disk full', 'matched', 'pending',"
                            + "  0, 0, '', 1764000000000, 1764000000001, '{}', [], 'Disk full', 'prod', 'open', 'error', 'P3', ['db'], [], 0),"
                            + " ('i-1:1:slack', 'i-1', 1, 'slack', 'slack', 'open', ['opened'], 'opened: Disk full', 'matched', 'sent',"
                            + "  2, 200, '', 1764000000000, 1764000000900, '{}', [], 'Disk full', 'prod', 'open', 'error', 'P3', ['db'], [], 0),"
                            + " ('i-1:1:pd', 'i-1', 1, 'pd', 'pagerduty', 'open', ['opened'], 'opened: Disk full', 'matched', 'dead_letter',"
                            + "  1, 400, 'HTTP 400', 1764000000000, 1764000000500, '{}', [], 'Disk full', 'prod', 'open', 'error', 'P3', ['db'], [], 0),"
                            + " ('i-1:3:slack', 'i-1', 3, 'slack', 'slack', 'update', ['priority_raised'], 'priority P3 -> P1', 'matched',"
                            + "  'sent', 1, 200, '', 1764000060000, 1764000060100, '{}', [], 'Disk full', 'prod', 'open', 'error', 'P1',"
                            + "  ['db'], [], 0),"
                            + " ('i-2:1:slack', 'i-2', 1, 'slack', 'slack', 'open', ['opened'], 'opened: Lag', 'quiet hours 22:00-07:00 UTC',"
                            + "  'suppressed', 0, 0, '', 1764000120000, 1764000120000, '', [], 'Lag', 'prod', 'open', 'warning', '', ['q'],"
                            + "  [], 0)");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> keys(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("notifications").forEach(n -> out.add(n.get("idempotencyKey").asText()));
        return out;
    }

    @Test
    void listsTheLatestStateOfEachNotificationNewestFirst() throws Exception {
        JsonNode page = JSON.readTree(get("/api/v1/notifications").body());
        assertThat(keys(page))
                .containsExactly("i-2:1:slack", "i-1:3:slack", "i-1:1:pd", "i-1:1:slack");
        JsonNode sent = page.get("notifications").get(3);
        assertThat(sent.get("outcome").asText()).isEqualTo("sent");
        assertThat(sent.get("attempts").asInt()).isEqualTo(2);
        assertThat(sent.get("decidedAt").asText()).isEqualTo("2025-11-24T16:00:00Z");
        assertThat(page.get("notifications").get(0).get("reason").asText())
                .isEqualTo("quiet hours 22:00-07:00 UTC");
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void filtersByIncidentChannelOutcomeAndWindow() throws Exception {
        assertThat(
                        keys(
                                JSON.readTree(
                                        get("/api/v1/notifications?incident=i-1&channel=slack")
                                                .body())))
                .containsExactly("i-1:3:slack", "i-1:1:slack");
        assertThat(keys(JSON.readTree(get("/api/v1/notifications?outcome=dead_letter").body())))
                .containsExactly("i-1:1:pd");
        assertThat(
                        keys(
                                JSON.readTree(
                                        get("/api/v1/notifications?from=2025-11-24T16:01:00Z&to=2025-11-24T16:02:00Z")
                                                .body())))
                .containsExactly("i-1:3:slack");
    }

    @Test
    void pagesWithACursorWithoutRepeats() throws Exception {
        JsonNode first = JSON.readTree(get("/api/v1/notifications?limit=3").body());
        assertThat(keys(first)).containsExactly("i-2:1:slack", "i-1:3:slack", "i-1:1:pd");
        JsonNode second =
                JSON.readTree(
                        get("/api/v1/notifications?limit=3&cursor="
                                        + first.get("nextCursor").asText())
                                .body());
        assertThat(keys(second)).containsExactly("i-1:1:slack");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void badParametersAre400WithJsonNamingTheField() throws Exception {
        for (String[] c :
                new String[][] {
                    {"limit=0", "limit"},
                    {"limit=x", "limit"},
                    {"outcome=delivered", "outcome"},
                    {"from=yesterday", "from"},
                    {"from=2025-11-25T00:00:00Z&to=2025-11-24T00:00:00Z", "from"},
                    {"cursor=nonsense", "cursor"},
                    {"channel=" + "c".repeat(300), "channel"}
                }) {
            HttpResponse<String> r = get("/api/v1/notifications?" + c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("error").asText()).isEqualTo("invalid_parameter");
            assertThat(body.get("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }
}
