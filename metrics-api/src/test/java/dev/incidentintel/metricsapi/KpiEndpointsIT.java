package dev.incidentintel.metricsapi;

import static dev.incidentintel.metricsapi.testing.KpiFixture.FROM;
import static dev.incidentintel.metricsapi.testing.KpiFixture.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.testing.KpiFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * The KPI endpoints, the paged feed and the timeline over {@link KpiFixture}: a real ClickHouse,
 * the real server, plain HTTP. Every expected figure is worked out by hand from the fixture rows
 * (the comments show the arithmetic).
 */
class KpiEndpointsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ApiServer server;
    private static String base;

    @BeforeAll
    static void startAndSeed() throws Exception {
        String url = SharedTestInfra.clickHouse().jdbcUrl(SharedTestInfra.uniqueName("kpi_api"));
        server = ApiServer.start(ApiConfig.forClickHouse("127.0.0.1", 0, url));
        base = "http://127.0.0.1:" + server.port();
        try (Connection c = new ClickHouseDriver().connect(url, new Properties())) {
            KpiFixture.seed(c);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Answer(int status, JsonNode body) {}

    private static Answer get(String pathAndQuery) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    private static JsonNode ok(String path, String query) throws Exception {
        String sep = path.contains("?") ? "&" : "?";
        Answer a = get(path + sep + window() + (query.isEmpty() ? "" : "&" + query));
        assertThat(a.status()).as(path + " " + query + " -> " + a.body()).isEqualTo(200);
        return a.body();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String window() {
        return "from=" + q(FROM.toString()) + "&to=" + q(TO.toString());
    }

    private static Map<String, JsonNode> byKey(JsonNode rows, String... keyColumns) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            List<String> parts = new ArrayList<>();
            for (String k : keyColumns) {
                parts.add(row.get(k).asText());
            }
            out.put(String.join("|", parts), row);
        }
        return out;
    }

    // ---------------------------------------------------------------- MTTx

    @Test
    void mttxGroupsByPriorityAndReportsMttrFromImpact() throws Exception {
        JsonNode body = ok("/api/v1/kpi/mttx", "groupBy=priority");
        Map<String, JsonNode> groups = new LinkedHashMap<>();
        body.get("groups").forEach(g -> groups.put(g.get("key").asText(), g));

        assertThat(groups.keySet()).containsExactly("", "P1", "P2", "P3");
        JsonNode p1 = groups.get("P1"); // K1 (ttr 10800, ttd 120, tta 600), K2 (18000, 60, 1200)
        assertThat(p1.get("incidents").asLong()).isEqualTo(2);
        assertThat(p1.get("mttr").get("meanSeconds").asDouble()).isCloseTo(14400, within(1e-6));
        assertThat(p1.get("mtta").get("meanSeconds").asDouble()).isCloseTo(900, within(1e-6));
        // from impact: 10800 + 120 and 18000 + 60 -> mean 14490
        assertThat(p1.get("mttrFromImpact").get("count").asLong()).isEqualTo(2);
        assertThat(p1.get("mttrFromImpact").get("meanSeconds").asDouble())
                .isCloseTo(14490, within(1e-6));
        assertThat(groups.get("P2").get("open").asLong()).isEqualTo(1); // K4
    }

    @Test
    void mttxFiltersCombine() throws Exception {
        JsonNode body = ok("/api/v1/kpi/mttx", "team=payments-team&category=network");
        JsonNode all = body.get("groups").get(0);
        assertThat(all.get("incidents").asLong()).isEqualTo(2); // K3, K4
        assertThat(all.get("mttr").get("count").asLong()).isEqualTo(1); // K3
        assertThat(body.get("filters").get("team").asText()).isEqualTo("payments-team");

        // A quote in a real value is matched, not interpreted: K6's team is ops'team.
        JsonNode quoted = ok("/api/v1/kpi/mttx", "team=" + q("ops'team"));
        assertThat(quoted.get("groups").get(0).get("incidents").asLong()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- SLO

    @Test
    void sloAchievementPerPriorityWithDefaultTargets() throws Exception {
        JsonNode body = ok("/api/v1/kpi/slo", "");
        assertThat(body.get("definitions").asText()).isEqualTo("docs/METRICS.md#slo");
        Map<String, JsonNode> rows = byKey(body.get("results").get("priorities"), "priority");

        assertThat(rows.keySet()).containsExactly("P1", "P2", "P3"); // K6 has no priority
        JsonNode p1 = rows.get("P1");
        assertThat(p1.get("ack_target_s").asLong()).isEqualTo(900);
        assertThat(p1.get("resolve_target_s").asLong()).isEqualTo(14400);
        // ack: K1 600 <= 900 met, K2 1200 > 900 breached; resolve: 10800 met, 18000 breached
        assertThat(p1.get("ack_measured").asLong()).isEqualTo(2);
        assertThat(p1.get("ack_met").asLong()).isEqualTo(1);
        assertThat(p1.get("ack_achievement").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(p1.get("resolve_achievement").asDouble()).isCloseTo(0.5, within(1e-9));
        // P2: K3 met both; K4 never acknowledged and still open, both deadlines long passed
        JsonNode p2 = rows.get("P2");
        assertThat(p2.get("ack_measured").asLong()).isEqualTo(2);
        assertThat(p2.get("ack_met").asLong()).isEqualTo(1);
        assertThat(p2.get("resolve_measured").asLong()).isEqualTo(2);
        assertThat(p2.get("resolve_met").asLong()).isEqualTo(1);
        // P3 targets 1 h / 24 h: K5 3000 s and 7200 s both met
        assertThat(rows.get("P3").get("ack_achievement").asDouble()).isCloseTo(1.0, within(1e-9));

        List<String> breaches = new ArrayList<>();
        body.get("results")
                .get("breaches")
                .forEach(b -> breaches.add(b.get("incident_id").asText()));
        assertThat(breaches).containsExactly("K4", "K2"); // K4's overrun is years, K2's 3600 s
    }

    // ---------------------------------------------------------------- recurrence, escalation

    @Test
    void recurrenceRateAndTopSignatures() throws Exception {
        JsonNode body = ok("/api/v1/kpi/recurrence", "");
        JsonNode all = body.get("results").get("groups").get(0);
        assertThat(all.get("incidents").asLong()).isEqualTo(6);
        assertThat(all.get("recurrences").asLong()).isEqualTo(2); // K2, K4
        assertThat(all.get("recurrence_rate").asDouble()).isCloseTo(2.0 / 6, within(1e-9));
        assertThat(all.get("signatures").asLong()).isEqualTo(3); // S1 S2 S3

        JsonNode sigs = body.get("results").get("signatures");
        assertThat(sigs).hasSize(2); // S3 has one incident only; K0 (S1) is before the window
        assertThat(sigs.get(0).get("signature").asText()).isEqualTo("S1");
        assertThat(sigs.get(0).get("incidents").asLong()).isEqualTo(2);
        assertThat(sigs.get(1).get("signature").asText()).isEqualTo("S2");
        assertThat(sigs.get(1).get("last_title").asText()).isEqualTo("Incident K4");
    }

    @Test
    void escalationRateAndFirstContactResolution() throws Exception {
        JsonNode all = ok("/api/v1/kpi/escalation", "").get("results").get("groups").get(0);
        // escalated: K2 (escalations 1, tier L2) and K5 (escalate event only) -> 2 of 6
        assertThat(all.get("escalated_incidents").asLong()).isEqualTo(2);
        assertThat(all.get("escalation_rate").asDouble()).isCloseTo(2.0 / 6, within(1e-9));
        // resolved: K1 K2 K3 K5 K6; without escalation K1 K3 K6 -> 3 / 5
        assertThat(all.get("resolved_incidents").asLong()).isEqualTo(5);
        assertThat(all.get("first_contact_resolution").asDouble()).isCloseTo(0.6, within(1e-9));

        Map<String, JsonNode> byTeam =
                byKey(
                        ok("/api/v1/kpi/escalation", "groupBy=team").get("results").get("groups"),
                        "group_key");
        assertThat(byTeam.get("search-team").get("escalated_incidents").asLong()).isEqualTo(1);
        assertThat(byTeam.get("ops'team").get("escalated_incidents").asLong()).isZero();
    }

    // ---------------------------------------------------------------- backlog, volume, heat maps

    @Test
    void backlogAtTheEndOfTheWindow() throws Exception {
        JsonNode all = ok("/api/v1/kpi/backlog", "").get("results").get("groups").get(0);
        assertThat(all.get("open_at_end").asLong()).isEqualTo(1); // K4
        assertThat(all.get("unacknowledged_at_end").asLong()).isEqualTo(1);
        // K4 detected Wed 14:00, window ends the next Monday 00:00: 4 d 10 h
        assertThat(all.get("oldest_age_s").asDouble())
                .isCloseTo(4 * 86400 + 10 * 3600, within(1e-6));
        assertThat(all.get("opened").asLong()).isEqualTo(6);
        assertThat(all.get("resolved").asLong()).isEqualTo(5); // K0 resolved before the window
    }

    @Test
    void volumeBucketsFollowTheTimeZone() throws Exception {
        Map<String, JsonNode> utc =
                byKey(
                        ok("/api/v1/kpi/volume", "bucket=day").get("results").get("buckets"),
                        "bucket",
                        "category",
                        "priority");
        assertThat(utc.keySet())
                .containsExactly(
                        "2024-03-04|database|P1",
                        "2024-03-05|database|P1",
                        "2024-03-05|network|P2",
                        "2024-03-06|network|P2",
                        "2024-03-07|capacity|P3",
                        "2024-03-08||");
        // Tokyo is UTC+9: K6 (Fri 23:30 UTC) falls on Saturday there.
        Map<String, JsonNode> tokyo =
                byKey(
                        ok("/api/v1/kpi/volume", "bucket=day&tz=Asia/Tokyo")
                                .get("results")
                                .get("buckets"),
                        "bucket",
                        "category",
                        "priority");
        assertThat(tokyo).containsKey("2024-03-09||").doesNotContainKey("2024-03-08||");
    }

    @Test
    void heatMapsCountPerCellWithMttr() throws Exception {
        JsonNode body = ok("/api/v1/kpi/heatmap", "kind=weekday-hour");
        Map<String, JsonNode> cells = byKey(body.get("results").get("cells"), "weekday", "hour");
        assertThat(cells.keySet())
                .containsExactlyInAnyOrder("1|1", "2|1", "2|14", "3|14", "4|9", "5|23");
        assertThat(cells.get("1|1").get("mttr_mean_s").asDouble()).isCloseTo(10800, within(1e-6));
        assertThat(cells.get("3|14").get("mttr_mean_s").isNull()).isTrue(); // K4 open

        // New York is UTC-5 before 10 March 2024: K1 (Mon 01:00 UTC) is Sunday 20:00 there.
        Map<String, JsonNode> ny =
                byKey(
                        ok("/api/v1/kpi/heatmap", "kind=weekday-hour&tz=America/New_York")
                                .get("results")
                                .get("cells"),
                        "weekday",
                        "hour");
        assertThat(ny).containsKeys("7|20", "5|18");

        Map<String, JsonNode> weeks =
                byKey(
                        ok("/api/v1/kpi/heatmap", "kind=service-week").get("results").get("cells"),
                        "service",
                        "week");
        assertThat(weeks.keySet())
                .containsExactly("checkout|2024-03-04", "payments|2024-03-04", "search|2024-03-04");
        assertThat(weeks.get("checkout|2024-03-04").get("mttr_mean_s").asDouble())
                .isCloseTo((10800 + 18000) / 2.0, within(1e-6));
        assertThat(weeks.get("search|2024-03-04").get("mttr_mean_s").asDouble())
                .isCloseTo((7200 + 600) / 2.0, within(1e-6));
    }

    // ---------------------------------------------------------------- noise, DORA

    @Test
    void noiseFromNotificationsToIncidentsAndNoisiestRules() throws Exception {
        JsonNode results = ok("/api/v1/kpi/noise", "").get("results");
        Map<String, JsonNode> services = byKey(results.get("services"), "service");
        assertThat(services.keySet()).containsExactly("checkout", "payments", "search");
        JsonNode checkout = services.get("checkout"); // 4 notifications, 2 alerts, K1 K2
        assertThat(checkout.get("notifications").asLong()).isEqualTo(4);
        assertThat(checkout.get("alerts").asLong()).isEqualTo(2);
        assertThat(checkout.get("incidents").asLong()).isEqualTo(2);
        assertThat(checkout.get("reduction").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(services.get("search").get("reduction").isNull()).isTrue();

        JsonNode rules = results.get("rules");
        assertThat(rules.get(0).get("rule").asText()).isEqualTo("HighLatency");
        assertThat(rules.get(0).get("incidents").asLong()).isEqualTo(2);
        assertThat(rules.get(0).get("notifications_per_incident").asDouble())
                .isCloseTo(1.5, within(1e-9));
        assertThat(rules.get(1).get("rule").asText()).isEqualTo("CardDeclines");
        assertThat(rules.get(2).get("rule").asText()).isEqualTo("ErrorRate");
    }

    @Test
    void doraChangeFailureRateAndRecoveryTime() throws Exception {
        JsonNode results = ok("/api/v1/kpi/dora", "").get("results");
        JsonNode all = results.get("groups").get(0);
        // 5 deploys in the window; failed: checkout@v1, payments@v7 (top suspects), payments@v8
        assertThat(all.get("deploys").asLong()).isEqualTo(5);
        assertThat(all.get("failed_changes").asLong()).isEqualTo(3);
        assertThat(all.get("change_failure_rate").asDouble()).isCloseTo(0.6, within(1e-9));
        JsonNode recovery = results.get("recovery").get(0);
        // K1: resolved 04:00, deploy 00:50 -> 11400 s; K3: resolved 15:00, deploy 13:00 -> 7200 s
        assertThat(recovery.get("recoveries").asLong()).isEqualTo(2);
        assertThat(recovery.get("recovery_mean_s").asDouble()).isCloseTo(9300, within(1e-6));

        Map<String, JsonNode> bySvc =
                byKey(
                        ok("/api/v1/kpi/dora", "groupBy=service").get("results").get("groups"),
                        "group_key");
        assertThat(bySvc.get("payments").get("change_failure_rate").asDouble())
                .isCloseTo(1.0, within(1e-9));
        assertThat(bySvc.get("search").get("failed_changes").asLong()).isZero();
    }

    // ---------------------------------------------------------------- feed and detail

    @Test
    void feedPagesWithACursorUntilTheEnd() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer a =
                    get("/api/v1/incidents?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(a.status()).isEqualTo(200);
            a.body().get("incidents").forEach(i -> seen.add(i.get("id").asText()));
            cursor =
                    a.body().get("nextCursor").isNull()
                            ? null
                            : a.body().get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly("K6", "K5", "K4", "K3", "K2", "K1", "K0");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void feedSearchesAndFilters() throws Exception {
        assertThat(ids("q=DATABASE")).containsExactly("K2", "K1", "K0"); // category, any case
        assertThat(ids("q=declines")).containsExactly("K3"); // title
        assertThat(ids("q=search")).containsExactly("K6", "K5"); // service
        assertThat(ids("priority=P2")).containsExactly("K4", "K3");
        assertThat(ids("team=" + q("ops'team"))).containsExactly("K6");
        assertThat(ids("category=network&status=open")).containsExactly("K4");
        JsonNode k3 = get("/api/v1/incidents?q=K3").body().get("incidents").get(0);
        assertThat(k3.get("priority").asText()).isEqualTo("P2");
        assertThat(k3.get("suspectDeploys").toString())
                .isEqualTo("[\"payments@v7\",\"checkout@v1\"]");
    }

    private static List<String> ids(String query) throws Exception {
        Answer a = get("/api/v1/incidents?" + query);
        assertThat(a.status()).as(query).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        a.body().get("incidents").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void detailHasTheTimelineOfMilestonesAndLifecycleSteps() throws Exception {
        JsonNode body = get("/api/v1/incidents/K2").body();
        List<String> actions = new ArrayList<>();
        body.get("timeline").forEach(t -> actions.add(t.get("action").asText()));
        // impact 00:59, detected 01:00, acknowledged 01:20 (milestone, then the ack event),
        // escalate
        // 01:25 once (delivered twice), resolved 06:00
        assertThat(actions)
                .containsExactly(
                        "impact-start", "detected", "acknowledged", "ack", "escalate", "resolved");
        JsonNode escalate = body.get("timeline").get(4);
        assertThat(escalate.get("tier").asText()).isEqualTo("L2");
        assertThat(escalate.get("note").asText()).isEqualTo("needs a DBA");
        assertThat(escalate.get("at").asText()).isEqualTo("2024-03-05T01:25:00Z");
    }

    // ---------------------------------------------------------------- hostile input

    private static final List<String> KPI_PATHS =
            List.of(
                    "/api/v1/kpi/mttx",
                    "/api/v1/kpi/slo",
                    "/api/v1/kpi/recurrence",
                    "/api/v1/kpi/escalation",
                    "/api/v1/kpi/backlog",
                    "/api/v1/kpi/volume",
                    "/api/v1/kpi/heatmap?kind=weekday-hour",
                    "/api/v1/kpi/heatmap?kind=service-week",
                    "/api/v1/kpi/noise",
                    "/api/v1/kpi/dora");

    private static final List<String> HOSTILE =
            List.of("x') OR ('1'='1", "\\' OR 1=1 --", "P1' UNION SELECT 1 --", ":to_ms");

    @Test
    void injectionTextInEveryFilterMatchesNothingAndFailsNothing() throws Exception {
        for (String path : KPI_PATHS) {
            for (String filter :
                    List.of("service", "team", "environment", "priority", "category")) {
                for (String hostile : HOSTILE) {
                    JsonNode body = ok(path, filter + "=" + q(hostile));
                    // Alerts and deploys carry only service and environment: the other filters
                    // narrow
                    // the incident side of noise and DORA only (docs/METRICS.md#filters).
                    boolean alertSide = path.contains("noise") || path.contains("dora");
                    boolean filtersEverything =
                            filter.equals("service") || filter.equals("environment");
                    assertNothingCounted(
                            path + " " + filter + "=" + hostile,
                            body,
                            alertSide && !filtersEverything);
                }
            }
        }
        for (String filter :
                List.of("service", "team", "environment", "priority", "category", "q", "status")) {
            for (String hostile : HOSTILE) {
                Answer a = get("/api/v1/incidents?" + filter + "=" + q(hostile));
                if (filter.equals("status")) {
                    assertThat(a.status())
                            .isEqualTo(400); // a closed list, refused before any query
                    continue;
                }
                assertThat(a.status()).as(filter + "=" + hostile).isEqualTo(200);
                assertThat(a.body().get("incidents")).as(filter + "=" + hostile).isEmpty();
            }
        }
        for (String filter : List.of("incident", "channel", "outcome")) {
            for (String hostile : HOSTILE) {
                Answer a = get("/api/v1/notifications?" + filter + "=" + q(hostile));
                if (filter.equals("outcome")) {
                    assertThat(a.status())
                            .isEqualTo(400); // a closed list, refused before any query
                    assertThat(a.body().get("field").asText()).isEqualTo("outcome");
                    continue;
                }
                assertThat(a.status()).as(filter + "=" + hostile).isEqualTo(200);
                assertThat(a.body().get("notifications")).as(filter + "=" + hostile).isEmpty();
            }
        }
        // Closed-list and typed parameters refuse such text outright.
        for (String pathAndParam :
                List.of(
                        "/api/v1/kpi/mttx?groupBy=",
                        "/api/v1/kpi/volume?tz=",
                        "/api/v1/kpi/volume?bucket=",
                        "/api/v1/kpi/heatmap?kind=",
                        "/api/v1/kpi/noise?limit=",
                        "/api/v1/incidents?cursor=",
                        "/api/v1/incidents?limit=",
                        "/api/v1/notifications?cursor=",
                        "/api/v1/notifications?limit=",
                        "/api/v1/notifications?from=",
                        "/api/v1/notifications?to=")) {
            assertThat(get(pathAndParam + q("' OR 1=1 --")).status())
                    .as(pathAndParam)
                    .isEqualTo(400);
        }
    }

    private static void assertNothingCounted(String what, JsonNode body, boolean incidentsOnly) {
        if (body.has("groups")) {
            for (JsonNode g : body.get("groups")) {
                assertThat(g.get("incidents").asLong()).as(what).isZero();
            }
            return;
        }
        body.get("results")
                .fields()
                .forEachRemaining(
                        section -> {
                            // Rules count links (incident_alerts), which carry only service and
                            // environment.
                            if (section.getKey().equals("targets")
                                    || (incidentsOnly && section.getKey().equals("rules"))) {
                                return;
                            }
                            for (JsonNode row : section.getValue()) {
                                // Aggregates over one constant group answer a single row of zero
                                // counts.
                                row.fields()
                                        .forEachRemaining(
                                                f -> {
                                                    boolean checked =
                                                            !incidentsOnly
                                                                    || f.getKey()
                                                                            .equals("incidents");
                                                    if (checked
                                                            && f.getValue().isIntegralNumber()) {
                                                        assertThat(f.getValue().asLong())
                                                                .as(what + " " + row)
                                                                .isZero();
                                                    }
                                                });
                            }
                        });
    }

    @Test
    void badParametersAre400NamingTheField() throws Exception {
        assertThat(get("/api/v1/kpi/heatmap?kind=calendar").body().get("field").asText())
                .isEqualTo("kind");
        assertThat(get("/api/v1/kpi/volume?bucket=fortnight").body().get("field").asText())
                .isEqualTo("bucket");
        assertThat(get("/api/v1/kpi/volume?tz=Mars/Olympus").body().get("field").asText())
                .isEqualTo("tz");
        assertThat(get("/api/v1/kpi/slo?limit=0").body().get("field").asText()).isEqualTo("limit");
        assertThat(get("/api/v1/incidents?cursor=nonsense").body().get("field").asText())
                .isEqualTo("cursor");
    }

    // ---------------------------------------------------------------- OpenAPI, tokens

    @Test
    void openApiDescribesEveryEndpointAndLinksExistingDefinitions() throws Exception {
        JsonNode doc = get("/openapi.json").body();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        List<String> expected =
                new ArrayList<>(
                        List.of(
                                "/api/v1/incidents",
                                "/api/v1/incidents/{id}",
                                "/api/v1/notifications"));
        KPI_PATHS.forEach(p -> expected.add(p.replaceAll("\\?.*", "")));
        assertThat(paths).containsAll(expected);

        java.nio.file.Path metrics = java.nio.file.Path.of("../docs/METRICS.md");
        assertThat(metrics).as("docs/METRICS.md next to the module").exists();
        List<String> anchors = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(metrics)) {
            if (line.startsWith("## ")) {
                anchors.add(
                        line.substring(3)
                                .strip()
                                .toLowerCase(java.util.Locale.ROOT)
                                .replaceAll("[^a-z0-9 -]", "")
                                .replace(' ', '-'));
            }
        }
        doc.get("paths")
                .fields()
                .forEachRemaining(
                        e ->
                                e.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                operation -> {
                                                    JsonNode docs =
                                                            operation
                                                                    .getValue()
                                                                    .path("externalDocs")
                                                                    .path("url");
                                                    if (!docs.isMissingNode()) {
                                                        String anchor =
                                                                docs.asText()
                                                                        .substring(
                                                                                docs.asText()
                                                                                                .indexOf(
                                                                                                        '#')
                                                                                        + 1);
                                                        assertThat(anchors)
                                                                .as(
                                                                        operation.getKey()
                                                                                + " "
                                                                                + e.getKey())
                                                                .contains(anchor);
                                                    }
                                                }));
    }

    @Test
    void readTokensGuardTheApiWhenConfigured() throws Exception {
        String url = SharedTestInfra.clickHouse().jdbcUrl(SharedTestInfra.uniqueName("kpi_tokens"));
        String token = "incident-reader-0123456789";
        ApiSettings settings =
                new ApiSettings(
                        dev.incidentintel.metricsapi.kpi.SloTargets.defaults(),
                        dev.incidentintel.metricsapi.auth.ReadTokens.parse(
                                token + "=incidents:read"));
        try (ApiServer guarded =
                ApiServer.start(ApiConfig.forClickHouse("127.0.0.1", 0, url), settings)) {
            String root = "http://127.0.0.1:" + guarded.port();
            assertThat(status(root + "/api/v1/incidents", null)).isEqualTo(401);
            assertThat(status(root + "/api/v1/incidents", token)).isEqualTo(200);
            assertThat(status(root + "/api/v1/kpi/mttx", token)).isEqualTo(403);
            assertThat(status(root + "/openapi.json", null)).isEqualTo(200);
            assertThat(status(root + "/health", null)).isEqualTo(200);
        }
    }

    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    // ---------------------------------------------------------------- monthly report

    private static HttpResponse<String> raw(String pathAndQuery) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void monthlyReportServesHtmlWithSvgAndMarkdown() throws Exception {
        HttpResponse<String> html = raw("/api/v1/reports/monthly?month=2024-03");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        // March holds K0 (3 March) and K1..K6.
        assertThat(html.body())
                .contains("Incident trends, 2024-03")
                .contains("<p>7 incidents.")
                .contains("<svg")
                .doesNotContain("<script");

        String md = raw("/api/v1/reports/monthly?month=2024-03&format=markdown").body();
        // database: K0 K1 K2; network: K3 K4
        assertThat(md).contains("| database | 3 |").contains("| network | 2 |");
        // hours to resolve: checkout 600 + 10800 + 18000 s = 8.2 h; search 7200 + 600 s = 2.2 h;
        // payments 3600 s = 1.0 h. Recurrences: K2 (S1, checkout), K4 (S2, payments).
        int checkout = md.indexOf("| checkout | 3 | 8.2 | 1 |");
        int search = md.indexOf("| search | 2 | 2.2 | 0 |");
        int payments = md.indexOf("| payments | 2 | 1.0 | 1 |");
        assertThat(checkout).isPositive();
        assertThat(search).isGreaterThan(checkout);
        assertThat(payments).isGreaterThan(search);
        // February is empty: no change can be computed.
        assertThat(md).contains("| MTTR | ").contains("| - | - |");

        assertThat(get("/api/v1/reports/monthly?month=2024-13").body().get("field").asText())
                .isEqualTo("month");
        assertThat(get("/api/v1/reports/monthly").body().get("field").asText()).isEqualTo("month");
    }
}
