package dev.incidentintel.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.testing.TypeSevenPercentile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * The API end to end: a real ClickHouse database seeded through JDBC, the real server on a free
 * port, plain HTTP. Expected KPI figures come from the durations written by hand below and a
 * percentile function written for the tests from the definition ({@link TypeSevenPercentile}),
 * never from the API's own code.
 */
class MetricsApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The KPI window used by most tests: [FROM, TO). */
    private static final Instant FROM = Instant.parse("2024-03-01T00:00:00Z");

    private static final Instant TO = Instant.parse("2024-03-08T00:00:00Z");

    private static ApiServer server;
    private static String base;

    /**
     * One incident version. Timestamps derive from the detected time and durations in seconds, so
     * the expected durations below can be read straight off these rows.
     */
    private record Seed(
            String id,
            long version,
            String environment,
            List<String> services,
            String severity,
            String status,
            Instant detected,
            long ttdSeconds,
            Long ttaSeconds,
            Long ttrSeconds) {

        Instant impactStart() {
            return detected.minusSeconds(ttdSeconds);
        }

        Instant acknowledged() {
            return ttaSeconds == null ? null : detected.plusSeconds(ttaSeconds);
        }

        Instant resolved() {
            return ttrSeconds == null ? null : detected.plusSeconds(ttrSeconds);
        }
    }

    private static Instant hoursAfterFrom(int hours) {
        return FROM.plus(Duration.ofHours(hours));
    }

    private static final List<String> CO = List.of("checkout");
    private static final List<String> PAY = List.of("payments");
    private static final List<String> CO_PAY = List.of("checkout", "payments");
    private static final String CRIT = "critical";
    private static final String WARN = "warning";

    private static Seed prod(
            String id,
            long v,
            List<String> svc,
            String sev,
            String status,
            Instant detected,
            long ttd,
            Long tta,
            Long ttr) {
        return new Seed(id, v, "prod", svc, sev, status, detected, ttd, tta, ttr);
    }

    /** Inserted in this order; several incidents have more than one version. */
    private static final List<Seed> SEEDS =
            List.of(
                    // C1: three versions; only v3 (resolved, ttr 600) may count.
                    prod("C1", 1, CO, CRIT, "open", hoursAfterFrom(10), 60, null, null),
                    prod("C1", 2, CO, CRIT, "open", hoursAfterFrom(10), 60, 120L, null),
                    prod("C1", 3, CO, CRIT, "resolved", hoursAfterFrom(10), 60, 120L, 600L),
                    // C2: detected exactly at FROM, so the inclusive start is exercised.
                    prod("C2", 1, CO, CRIT, "resolved", FROM, 30, 300L, 1800L),
                    // C3: affects both services; primary (first) is checkout.
                    prod("C3", 1, CO_PAY, CRIT, "resolved", hoursAfterFrom(20), 90, 60L, 900L),
                    prod("C4", 1, CO, WARN, "open", hoursAfterFrom(30), 10, null, null),
                    prod("C5", 1, CO, WARN, "stale", hoursAfterFrom(40), 20, 40L, null),
                    // C6: resolved at v1, reopened at v2 (resolved_ms cleared): open, no MTTR.
                    prod("C6", 1, CO, WARN, "resolved", hoursAfterFrom(50), 45, 200L, 100L),
                    prod("C6", 2, CO, WARN, "open", hoursAfterFrom(50), 45, 200L, null),
                    prod("P1", 1, PAY, CRIT, "resolved", hoursAfterFrom(60), 15, 30L, 300L),
                    // P2: latest version written twice (harmless re-delivery), older version
                    // written last.
                    prod("P2", 2, PAY, CRIT, "resolved", hoursAfterFrom(70), 45, 90L, 1200L),
                    prod("P2", 2, PAY, CRIT, "resolved", hoursAfterFrom(70), 45, 90L, 1200L),
                    prod("P2", 1, PAY, CRIT, "open", hoursAfterFrom(70), 45, null, null),
                    new Seed(
                            "P3",
                            1,
                            "staging",
                            PAY,
                            WARN,
                            "resolved",
                            hoursAfterFrom(80),
                            5,
                            10L,
                            60L),
                    prod("P4", 1, PAY, WARN, "resolved", hoursAfterFrom(90), 25, null, 500L),
                    // Outside the window: one day before FROM, and exactly at TO (exclusive end).
                    prod("X1", 1, CO, CRIT, "resolved", FROM.minus(Duration.ofDays(1)), 1, 1L, 1L),
                    prod("X2", 1, PAY, CRIT, "resolved", TO, 7, 7L, 7L));

    // Expected durations per group in [FROM, TO), read off SEEDS by hand (latest versions only).
    private static final double[] CHECKOUT_TTR = {600, 1800, 900}; // C1 C2 C3; C4 C5 C6 open
    private static final double[] CHECKOUT_TTD = {60, 30, 90, 10, 20, 45}; // C1..C6
    private static final double[] CHECKOUT_TTA = {120, 300, 60, 40, 200}; // C1 C2 C3 C5 C6
    private static final double[] PAYMENTS_TTR = {300, 1200, 60, 500}; // P1..P4
    private static final double[] PAYMENTS_TTD = {15, 45, 5, 25};
    private static final double[] PAYMENTS_TTA = {30, 90, 10}; // P4 never acknowledged

    @BeforeAll
    static void startServerAndSeed() throws Exception {
        LocalClickHouse clickHouse = SharedTestInfra.clickHouse();
        String database = SharedTestInfra.uniqueName("metrics_api");
        String url = clickHouse.jdbcUrl(database);
        server = ApiServer.start(ApiConfig.forClickHouse("127.0.0.1", 0, url));
        base = "http://127.0.0.1:" + server.port();
        try (Connection c = new ClickHouseDriver().connect(url, new Properties())) {
            for (Seed s : SEEDS) {
                insertIncident(c, s);
            }
            Instant c1 = hoursAfterFrom(10);
            insertLink(c, "C1", "fp-c1-a", c1, "HighLatency", "opened", Map.of());
            insertLink(
                    c,
                    "C1",
                    "fp-c1-b",
                    c1.plusSeconds(30),
                    "ErrorRate",
                    "same-scope-within-gap",
                    Map.of("gapSeconds", 30.0, "sameService", 1.0));
            insertLink(c, "C1", "fp-c1-a", c1, "HighLatency", "opened", Map.of()); // re-delivered
            insertLink(c, "P2", "fp-p2-a", hoursAfterFrom(70), "CardDeclines", "opened", Map.of());
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static void insertIncident(Connection c, Seed s) throws Exception {
        String sql =
                "INSERT INTO incidents (incident_id, version, title, environment, services,"
                        + " primary_service, severity, status, impact_start_ms, detected_ms, acknowledged_ms,"
                        + " mitigated_ms, resolved_ms, closed_ms, updated_ms, alert_count, firing_count,"
                        + " notification_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.id());
            ps.setLong(2, s.version());
            ps.setString(3, "Incident " + s.id());
            ps.setString(4, s.environment());
            ps.setArray(5, c.createArrayOf("String", s.services().toArray(new String[0])));
            ps.setString(6, s.services().get(0));
            ps.setString(7, s.severity());
            ps.setString(8, s.status());
            ps.setLong(9, s.impactStart().toEpochMilli());
            ps.setLong(10, s.detected().toEpochMilli());
            setNullableMillis(ps, 11, s.acknowledged());
            ps.setNull(12, Types.BIGINT);
            setNullableMillis(ps, 13, s.resolved());
            ps.setNull(14, Types.BIGINT);
            ps.setLong(15, s.detected().toEpochMilli() + s.version());
            ps.setInt(16, 2);
            ps.setInt(17, "resolved".equals(s.status()) ? 0 : 1);
            ps.setLong(18, 3 * s.version());
            ps.executeUpdate();
        }
    }

    private static void setNullableMillis(PreparedStatement ps, int index, Instant t)
            throws Exception {
        if (t == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, t.toEpochMilli());
        }
    }

    private static void insertLink(
            Connection c,
            String incident,
            String fingerprint,
            Instant linked,
            String alertName,
            String reason,
            Map<String, Double> scores)
            throws Exception {
        Map<String, Double> ordered = new LinkedHashMap<>(scores);
        String sql =
                "INSERT INTO incident_alerts (incident_id, fingerprint, linked_ms, alert_name, service,"
                        + " environment, reason, score_keys, score_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, incident);
            ps.setString(2, fingerprint);
            ps.setLong(3, linked.toEpochMilli());
            ps.setString(4, alertName);
            ps.setString(5, "checkout");
            ps.setString(6, "prod");
            ps.setString(7, reason);
            ps.setArray(8, c.createArrayOf("String", ordered.keySet().toArray(new String[0])));
            ps.setArray(9, c.createArrayOf("Float64", ordered.values().toArray(new Double[0])));
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Answer(int status, JsonNode body) {}

    private static Answer get(String pathAndQuery) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/json");
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String window() {
        return "from=" + q(FROM.toString()) + "&to=" + q(TO.toString());
    }

    private static double[] concat(double[]... parts) {
        return Stream.of(parts).flatMapToDouble(Arrays::stream).toArray();
    }

    private static void assertStats(JsonNode stats, double[] durations) {
        assertThat(stats.get("count").asLong()).isEqualTo(durations.length);
        if (durations.length == 0) {
            assertThat(stats.get("meanSeconds").isNull()).isTrue();
            assertThat(stats.get("medianSeconds").isNull()).isTrue();
            assertThat(stats.get("p90Seconds").isNull()).isTrue();
            return;
        }
        double mean = Arrays.stream(durations).sum() / durations.length;
        assertThat(stats.get("meanSeconds").asDouble()).isCloseTo(mean, within(1e-6));
        assertThat(stats.get("medianSeconds").asDouble())
                .isCloseTo(TypeSevenPercentile.of(durations, 0.5), within(1e-6));
        assertThat(stats.get("p90Seconds").asDouble())
                .isCloseTo(TypeSevenPercentile.of(durations, 0.9), within(1e-6));
    }

    private static Map<String, JsonNode> groupsByKey(JsonNode report) {
        Map<String, JsonNode> groups = new LinkedHashMap<>();
        report.get("groups").forEach(g -> groups.put(g.get("key").asText(), g));
        return groups;
    }

    private static List<String> ids(JsonNode incidentList) {
        List<String> ids = new ArrayList<>();
        incidentList.get("incidents").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    private static JsonNode incident(JsonNode incidentList, String id) {
        for (JsonNode i : incidentList.get("incidents")) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("incident " + id + " not in " + incidentList);
    }

    private static void assertBadRequest(String pathAndQuery, String field) throws Exception {
        Answer a = get(pathAndQuery);
        assertThat(a.status()).as(pathAndQuery).isEqualTo(400);
        assertThat(a.body().get("error").asText()).isEqualTo("invalid_parameter");
        assertThat(a.body().get("field").asText()).as(pathAndQuery).isEqualTo(field);
        assertThat(a.body().get("message").asText()).isNotBlank();
    }

    // ---------------------------------------------------------------- health

    @Test
    void healthAnswersOkWhenClickHouseAnswers() throws Exception {
        Answer a = get("/health");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("status").asText()).isEqualTo("ok");
    }

    // ---------------------------------------------------------------- KPIs

    @Test
    void mttxByServiceMatchesTheHandComputedFigures() throws Exception {
        Answer a = get("/api/v1/kpi/mttx?" + window() + "&groupBy=service");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("from").asText()).isEqualTo("2024-03-01T00:00:00Z");
        assertThat(a.body().get("to").asText()).isEqualTo("2024-03-08T00:00:00Z");
        assertThat(a.body().get("groupBy").asText()).isEqualTo("service");
        assertThat(a.body().get("definitions").asText()).isEqualTo("docs/METRICS.md");
        Map<String, JsonNode> groups = groupsByKey(a.body());
        assertThat(groups.keySet()).containsExactly("checkout", "payments");

        JsonNode checkout = groups.get("checkout");
        assertThat(checkout.get("incidents").asLong()).isEqualTo(6);
        assertThat(checkout.get("open").asLong()).isEqualTo(3); // C4 open, C5 stale, C6 reopened
        assertStats(checkout.get("mttr"), CHECKOUT_TTR);
        assertStats(checkout.get("mttd"), CHECKOUT_TTD);
        assertStats(checkout.get("mtta"), CHECKOUT_TTA);

        JsonNode payments = groups.get("payments");
        assertThat(payments.get("incidents").asLong()).isEqualTo(4);
        assertThat(payments.get("open").asLong()).isZero();
        assertStats(payments.get("mttr"), PAYMENTS_TTR);
        assertStats(payments.get("mttd"), PAYMENTS_TTD);
        assertStats(payments.get("mtta"), PAYMENTS_TTA);
    }

    @Test
    void percentilesInterpolateBetweenClosestRanks() throws Exception {
        Map<String, JsonNode> groups =
                groupsByKey(get("/api/v1/kpi/mttx?" + window() + "&groupBy=service").body());
        JsonNode checkoutMttr = groups.get("checkout").get("mttr");
        JsonNode paymentsMttr = groups.get("payments").get("mttr");

        // Odd n: sorted [600, 900, 1800]; median = x[1] = 900; p90: h = 2 * 0.9 = 1.8 -> 900 + 0.8
        // *
        // 900.
        assertThat(checkoutMttr.get("meanSeconds").asDouble()).isCloseTo(1100.0, within(1e-9));
        assertThat(checkoutMttr.get("medianSeconds").asDouble()).isCloseTo(900.0, within(1e-9));
        assertThat(checkoutMttr.get("p90Seconds").asDouble()).isCloseTo(1620.0, within(1e-6));
        // Even n: sorted [60, 300, 500, 1200]; median h = 1.5 -> 300 + 0.5 * 200 = 400;
        // p90 h = 2.7 -> 500 + 0.7 * 700 = 990. Mean (60 + 300 + 500 + 1200) / 4 = 515.
        assertThat(paymentsMttr.get("meanSeconds").asDouble()).isCloseTo(515.0, within(1e-9));
        assertThat(paymentsMttr.get("medianSeconds").asDouble()).isCloseTo(400.0, within(1e-9));
        assertThat(paymentsMttr.get("p90Seconds").asDouble()).isCloseTo(990.0, within(1e-6));
    }

    @Test
    void mttxUngroupedCoversEveryIncidentInTheHalfOpenWindow() throws Exception {
        Answer a = get("/api/v1/kpi/mttx?" + window() + "&groupBy=none");

        assertThat(a.status()).isEqualTo(200);
        Map<String, JsonNode> groups = groupsByKey(a.body());
        assertThat(groups.keySet()).containsExactly("all");
        JsonNode all = groups.get("all");
        // X1 (before FROM) and X2 (at TO) are excluded; C2 (at FROM) is included.
        assertThat(all.get("incidents").asLong()).isEqualTo(10);
        assertThat(all.get("open").asLong()).isEqualTo(3);
        assertStats(all.get("mttr"), concat(CHECKOUT_TTR, PAYMENTS_TTR));
        assertStats(all.get("mttd"), concat(CHECKOUT_TTD, PAYMENTS_TTD));
        assertStats(all.get("mtta"), concat(CHECKOUT_TTA, PAYMENTS_TTA));
    }

    @Test
    void mttxByEnvironmentAndSeverity() throws Exception {
        Map<String, JsonNode> byEnv =
                groupsByKey(get("/api/v1/kpi/mttx?" + window() + "&groupBy=environment").body());
        assertThat(byEnv.keySet()).containsExactly("prod", "staging");
        assertThat(byEnv.get("prod").get("incidents").asLong()).isEqualTo(9);
        assertStats(byEnv.get("staging").get("mttr"), new double[] {60}); // P3
        assertStats(byEnv.get("prod").get("mttr"), new double[] {600, 1800, 900, 300, 1200, 500});

        Map<String, JsonNode> bySeverity =
                groupsByKey(get("/api/v1/kpi/mttx?" + window() + "&groupBy=severity").body());
        assertThat(bySeverity.keySet()).containsExactly("critical", "warning");
        assertThat(bySeverity.get("critical").get("incidents").asLong())
                .isEqualTo(5); // C1 C2 C3 P1 P2
        assertThat(bySeverity.get("critical").get("open").asLong()).isZero();
        assertThat(bySeverity.get("warning").get("open").asLong()).isEqualTo(3);
        assertStats(bySeverity.get("warning").get("mttr"), new double[] {60, 500}); // P3 P4
        assertStats(bySeverity.get("warning").get("mtta"), new double[] {40, 200, 10}); // C5 C6 P3
    }

    @Test
    void emptyWindowReportsZeroIncidentsWithNullFigures() throws Exception {
        String empty = "from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z";

        JsonNode none = get("/api/v1/kpi/mttx?" + empty).body();
        assertThat(none.get("groupBy").asText()).isEqualTo("none");
        JsonNode all = groupsByKey(none).get("all");
        assertThat(all.get("incidents").asLong()).isZero();
        assertStats(all.get("mttr"), new double[0]);
        assertStats(all.get("mttd"), new double[0]);

        assertThat(get("/api/v1/kpi/mttx?" + empty + "&groupBy=service").body().get("groups"))
                .isEmpty();
    }

    @Test
    void defaultWindowIsTheLastThirtyDays() throws Exception {
        Instant before = Instant.now();
        JsonNode report = get("/api/v1/kpi/mttx").body();
        Instant to = Instant.parse(report.get("to").asText());
        Instant from = Instant.parse(report.get("from").asText());

        assertThat(to).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void badKpiParametersAreRejectedNamingTheField() throws Exception {
        assertBadRequest("/api/v1/kpi/mttx?from=yesterday", "from");
        assertBadRequest("/api/v1/kpi/mttx?to=" + q("2024-13-01T00:00:00Z"), "to");
        assertBadRequest(
                "/api/v1/kpi/mttx?from=" + q(TO.toString()) + "&to=" + q(FROM.toString()), "from");
        assertBadRequest(
                "/api/v1/kpi/mttx?from=" + q(FROM.toString()) + "&to=" + q(FROM.toString()),
                "from");
        assertBadRequest(
                "/api/v1/kpi/mttx?from=2023-01-01T00:00:00Z&to=2024-03-01T00:00:00Z", "from");
        assertBadRequest("/api/v1/kpi/mttx?groupBy=colour", "groupBy");
        assertBadRequest("/api/v1/kpi/mttx?groupBy=" + q("primary_service) --"), "groupBy");
    }

    // ---------------------------------------------------------------- incidents

    @Test
    void listsLatestVersionsNewestDetectedFirst() throws Exception {
        Answer a = get("/api/v1/incidents");

        assertThat(a.status()).isEqualTo(200);
        assertThat(ids(a.body()))
                .containsExactly(
                        "X2", "P4", "P3", "P2", "P1", "C6", "C5", "C4", "C3", "C1", "C2", "X1");

        JsonNode c1 = incident(a.body(), "C1");
        Instant detected = hoursAfterFrom(10);
        assertThat(c1.get("version").asLong()).isEqualTo(3);
        assertThat(c1.get("status").asText()).isEqualTo("resolved");
        assertThat(c1.get("title").asText()).isEqualTo("Incident C1");
        assertThat(c1.get("environment").asText()).isEqualTo("prod");
        assertThat(c1.get("severity").asText()).isEqualTo("critical");
        assertThat(c1.get("services").toString()).isEqualTo("[\"checkout\"]");
        assertThat(c1.get("impactStart").asText()).isEqualTo("2024-03-01T09:59:00Z");
        assertThat(c1.get("detectedAt").asText()).isEqualTo(detected.toString());
        assertThat(c1.get("acknowledgedAt").asText()).isEqualTo("2024-03-01T10:02:00Z");
        assertThat(c1.get("mitigatedAt").isNull()).isTrue();
        assertThat(c1.get("resolvedAt").asText()).isEqualTo("2024-03-01T10:10:00Z");
        assertThat(c1.get("alertCount").asLong()).isEqualTo(2);
        assertThat(c1.get("firingCount").asLong()).isZero();
        assertThat(c1.get("notificationCount").asLong()).isEqualTo(9);
        assertThat(c1.get("fingerprints").toString()).isEqualTo("[\"fp-c1-a\",\"fp-c1-b\"]");

        JsonNode c6 = incident(a.body(), "C6");
        assertThat(c6.get("status").asText()).isEqualTo("open");
        assertThat(c6.get("version").asLong()).isEqualTo(2);
        assertThat(c6.get("resolvedAt").isNull()).isTrue(); // cleared by the reopen
        assertThat(c6.get("acknowledgedAt").isNull()).isFalse();
        assertThat(c6.get("fingerprints")).isEmpty();
        assertThat(incident(a.body(), "P2").get("version").asLong()).isEqualTo(2);
    }

    @Test
    void filtersByEnvironmentServiceStatusAndLimit() throws Exception {
        assertThat(ids(get("/api/v1/incidents?limit=2").body())).containsExactly("X2", "P4");
        assertThat(ids(get("/api/v1/incidents?environment=staging").body())).containsExactly("P3");
        // Any affected service matches: C3 lists payments as its second service.
        assertThat(ids(get("/api/v1/incidents?service=payments").body()))
                .containsExactly("X2", "P4", "P3", "P2", "P1", "C3");
        assertThat(ids(get("/api/v1/incidents?status=open").body())).containsExactly("C6", "C4");
        assertThat(ids(get("/api/v1/incidents?status=stale&environment=prod").body()))
                .containsExactly("C5");
        assertThat(
                        ids(
                                get("/api/v1/incidents?environment=prod&service=checkout&status=resolved&limit=3")
                                        .body()))
                .containsExactly("C3", "C1", "C2");
    }

    @Test
    void injectionTextInFiltersMatchesNothingAndFailsNothing() throws Exception {
        for (String hostile : List.of("' OR 1=1 --", "x') OR ('1'='1", "\\' OR 1=1 --")) {
            Answer a =
                    get("/api/v1/incidents?service=" + q(hostile) + "&environment=" + q(hostile));
            assertThat(a.status()).as(hostile).isEqualTo(200);
            assertThat(a.body().get("incidents")).as(hostile).isEmpty();
        }
        Answer byId = get("/api/v1/incidents/" + q("' OR 1=1 --").replace("+", "%20"));
        assertThat(byId.status()).isEqualTo(404);
    }

    @Test
    void incidentDetailCarriesMemberAlertsAndWhyTheyJoined() throws Exception {
        Answer a = get("/api/v1/incidents/C1");

        assertThat(a.status()).isEqualTo(200);
        JsonNode body = a.body();
        assertThat(body.get("id").asText()).isEqualTo("C1");
        assertThat(body.get("status").asText()).isEqualTo("resolved");
        assertThat(body.get("version").asLong()).isEqualTo(3);
        assertThat(body.get("fingerprints").toString()).isEqualTo("[\"fp-c1-a\",\"fp-c1-b\"]");
        JsonNode alerts = body.get("alerts");
        assertThat(alerts).hasSize(2); // the re-delivered link row is not a third alert
        assertThat(alerts.get(0).get("fingerprint").asText()).isEqualTo("fp-c1-a");
        assertThat(alerts.get(0).get("alertName").asText()).isEqualTo("HighLatency");
        assertThat(alerts.get(0).get("reason").asText()).isEqualTo("opened");
        assertThat(alerts.get(0).get("scoreComponents")).isEmpty();
        assertThat(alerts.get(1).get("fingerprint").asText()).isEqualTo("fp-c1-b");
        assertThat(alerts.get(1).get("service").asText()).isEqualTo("checkout");
        assertThat(alerts.get(1).get("linkedAt").asText()).isEqualTo("2024-03-01T10:00:30Z");
        assertThat(alerts.get(1).get("reason").asText()).isEqualTo("same-scope-within-gap");
        assertThat(alerts.get(1).get("scoreComponents").toString())
                .isEqualTo("{\"gapSeconds\":30.0,\"sameService\":1.0}");
    }

    @Test
    void unknownIncidentIs404Json() throws Exception {
        Answer a = get("/api/v1/incidents/does-not-exist");

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.body().get("error").asText()).isEqualTo("not_found");
        assertThat(a.body().get("field").asText()).isEqualTo("id");
    }

    @Test
    void badIncidentParametersAreRejectedNamingTheField() throws Exception {
        assertBadRequest("/api/v1/incidents?limit=0", "limit");
        assertBadRequest("/api/v1/incidents?limit=501", "limit");
        assertBadRequest("/api/v1/incidents?limit=ten", "limit");
        assertBadRequest("/api/v1/incidents?status=closed", "status");
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        Answer a = get("/api/v2/nothing");

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.body().get("error").asText()).isEqualTo("not_found");
    }
}
