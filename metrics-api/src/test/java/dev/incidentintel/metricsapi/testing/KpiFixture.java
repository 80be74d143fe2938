package dev.incidentintel.metricsapi.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A small week of incidents, lifecycle steps, deploys, alerts and links, written straight into
 * ClickHouse through JDBC (nothing in the pipeline writes the V003/V004 fields yet). The expected
 * figures in the tests are worked out by hand from the rows below; the comments give the numbers
 * the tests rely on.
 *
 * <p>Window {@link #FROM}..{@link #TO} is Monday 2024-03-04 to Monday 2024-03-11 (UTC).
 */
public final class KpiFixture {
    public static final Instant FROM = Instant.parse("2024-03-04T00:00:00Z");
    public static final Instant TO = Instant.parse("2024-03-11T00:00:00Z");

    private KpiFixture() {}

    /** One incident's latest (or only) version. */
    public record Row(
            String id,
            long version,
            String title,
            String environment,
            List<String> services,
            String status,
            Instant detected,
            long ttdSeconds,
            Long ttaSeconds,
            Long ttrSeconds,
            String priority,
            String category,
            String team,
            String tier,
            int escalations,
            String signature,
            String recurrenceOf,
            List<String> suspects) {}

    public static Instant at(String iso) {
        return Instant.parse(iso);
    }

    /**
     * K0 before the window; K1..K6 inside. K4 is still open; K6 has no priority and a team name
     * with a quote in it.
     */
    public static final List<Row> INCIDENTS =
            List.of(
                    new Row(
                            "K0",
                            1,
                            "Incident K0",
                            "prod",
                            List.of("checkout"),
                            "resolved",
                            at("2024-03-03T12:00:00Z"),
                            10,
                            60L,
                            600L,
                            "P1",
                            "database",
                            "payments-team",
                            "L1",
                            0,
                            "S1",
                            "",
                            List.of()),
                    // K1: older version first, then the latest one.
                    new Row(
                            "K1",
                            1,
                            "Incident K1",
                            "prod",
                            List.of("checkout"),
                            "open",
                            at("2024-03-04T01:00:00Z"),
                            120,
                            null,
                            null,
                            "",
                            "",
                            "",
                            "",
                            0,
                            "",
                            "",
                            List.of()),
                    new Row(
                            "K1",
                            2,
                            "Incident K1",
                            "prod",
                            List.of("checkout"),
                            "resolved",
                            at("2024-03-04T01:00:00Z"),
                            120,
                            600L,
                            10800L,
                            "P1",
                            "database",
                            "payments-team",
                            "L1",
                            0,
                            "S1",
                            "",
                            List.of("checkout@v1")),
                    new Row(
                            "K2",
                            1,
                            "Incident K2",
                            "prod",
                            List.of("checkout"),
                            "resolved",
                            at("2024-03-05T01:00:00Z"),
                            60,
                            1200L,
                            18000L,
                            "P1",
                            "database",
                            "payments-team",
                            "L2",
                            1,
                            "S1",
                            "K1",
                            List.of()),
                    new Row(
                            "K3",
                            1,
                            "Card declines spike",
                            "prod",
                            List.of("payments", "checkout"),
                            "resolved",
                            at("2024-03-05T14:00:00Z"),
                            30,
                            300L,
                            3600L,
                            "P2",
                            "network",
                            "payments-team",
                            "L1",
                            0,
                            "S2",
                            "",
                            List.of("payments@v7", "checkout@v1")),
                    new Row(
                            "K4",
                            1,
                            "Incident K4",
                            "prod",
                            List.of("payments"),
                            "open",
                            at("2024-03-06T14:00:00Z"),
                            30,
                            null,
                            null,
                            "P2",
                            "network",
                            "payments-team",
                            "",
                            0,
                            "S2",
                            "K3",
                            List.of()),
                    new Row(
                            "K5",
                            1,
                            "Incident K5",
                            "staging",
                            List.of("search"),
                            "resolved",
                            at("2024-03-07T09:30:00Z"),
                            45,
                            3000L,
                            7200L,
                            "P3",
                            "capacity",
                            "search-team",
                            "L1",
                            0,
                            "S3",
                            "",
                            List.of()),
                    new Row(
                            "K6",
                            1,
                            "Incident K6",
                            "prod",
                            List.of("search"),
                            "resolved",
                            at("2024-03-08T23:30:00Z"),
                            10,
                            null,
                            600L,
                            "",
                            "",
                            "ops'team",
                            "",
                            0,
                            "",
                            "",
                            List.of()));

    /** Writes everything. */
    public static void seed(Connection c) throws Exception {
        for (Row r : INCIDENTS) {
            insertIncident(c, r);
        }
        // Lifecycle: K1 acknowledged at L1 (no escalation); K2 acknowledged, then escalated to L2
        // (the escalate row is delivered twice); K5 escalated only in the lifecycle log.
        lifecycle(c, "K1", at("2024-03-04T01:10:00Z"), "ack", "bob", "L1", "");
        lifecycle(c, "K2", at("2024-03-05T01:20:00Z"), "ack", "alice", "L1", "");
        lifecycle(c, "K2", at("2024-03-05T01:25:00Z"), "escalate", "alice", "L2", "needs a DBA");
        lifecycle(c, "K2", at("2024-03-05T01:25:00Z"), "escalate", "alice", "L2", "needs a DBA");
        lifecycle(c, "K5", at("2024-03-07T09:40:00Z"), "escalate", "carol", "L2", "");
        // Deploys: checkout@v1 (started 00:45, succeeded 00:50; top suspect of K1), payments@v7
        // (top
        // suspect of K3), payments@v8 rolled back, search@v3 and checkout@v2 fine, checkout@v0
        // before
        // the window.
        deploy(c, "checkout", "prod", "v1", at("2024-03-04T00:45:00Z"), "started");
        deploy(c, "checkout", "prod", "v1", at("2024-03-04T00:50:00Z"), "succeeded");
        deploy(c, "payments", "prod", "v7", at("2024-03-05T13:00:00Z"), "succeeded");
        deploy(c, "payments", "prod", "v8", at("2024-03-06T10:00:00Z"), "rolled_back");
        deploy(c, "search", "staging", "v3", at("2024-03-07T08:00:00Z"), "succeeded");
        deploy(c, "checkout", "prod", "v2", at("2024-03-07T12:00:00Z"), "succeeded");
        deploy(c, "checkout", "prod", "v0", at("2024-03-01T12:00:00Z"), "succeeded");
        // Alerts: checkout fa x3 (HighLatency), fb x1 (ErrorRate); payments fc x2 (CardDeclines).
        Instant a = at("2024-03-04T00:58:00Z");
        for (int i = 0; i < 3; i++) {
            alert(c, "fa", "HighLatency", "checkout", a, a.plusSeconds(60L * i));
        }
        alert(c, "fb", "ErrorRate", "checkout", a, a.plusSeconds(30));
        Instant p = at("2024-03-05T13:58:00Z");
        alert(c, "fc", "CardDeclines", "payments", p, p);
        alert(c, "fc", "CardDeclines", "payments", p, p.plusSeconds(60));
        // Links: HighLatency joined K1 and K2, ErrorRate K1, CardDeclines K3.
        link(c, "K1", "fa", "HighLatency", "checkout", at("2024-03-04T01:00:00Z"));
        link(c, "K1", "fb", "ErrorRate", "checkout", at("2024-03-04T01:00:30Z"));
        link(c, "K2", "fa", "HighLatency", "checkout", at("2024-03-05T01:00:00Z"));
        link(c, "K3", "fc", "CardDeclines", "payments", at("2024-03-05T14:00:00Z"));
    }

    private static void insertIncident(Connection c, Row r) throws Exception {
        String sql =
                "INSERT INTO incidents (incident_id, version, title, environment, services,"
                        + " primary_service, severity, status, impact_start_ms, detected_ms, acknowledged_ms,"
                        + " mitigated_ms, resolved_ms, closed_ms, updated_ms, alert_count, firing_count,"
                        + " notification_count, source, priority, category, team, tier, escalations,"
                        + " reopen_count, signature, recurrence_of, rarity, suspect_deploys, suspect_scores)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.id());
            ps.setLong(2, r.version());
            ps.setString(3, r.title());
            ps.setString(4, r.environment());
            ps.setArray(5, c.createArrayOf("String", r.services().toArray(new String[0])));
            ps.setString(6, r.services().get(0));
            ps.setString(7, "critical");
            ps.setString(8, r.status());
            ps.setLong(9, r.detected().minusSeconds(r.ttdSeconds()).toEpochMilli());
            ps.setLong(10, r.detected().toEpochMilli());
            nullable(
                    ps,
                    11,
                    r.ttaSeconds() == null ? null : r.detected().plusSeconds(r.ttaSeconds()));
            ps.setNull(12, Types.BIGINT);
            nullable(
                    ps,
                    13,
                    r.ttrSeconds() == null ? null : r.detected().plusSeconds(r.ttrSeconds()));
            ps.setNull(14, Types.BIGINT);
            ps.setLong(15, r.detected().toEpochMilli() + r.version());
            ps.setInt(16, 1);
            ps.setInt(17, 0);
            ps.setLong(18, 1);
            ps.setString(19, "correlation-job");
            ps.setString(20, r.priority());
            ps.setString(21, r.category());
            ps.setString(22, r.team());
            ps.setString(23, r.tier());
            ps.setInt(24, r.escalations());
            ps.setInt(25, 0);
            ps.setString(26, r.signature());
            ps.setString(27, r.recurrenceOf());
            ps.setString(28, "");
            ps.setArray(29, c.createArrayOf("String", r.suspects().toArray(new String[0])));
            ps.setArray(
                    30,
                    c.createArrayOf(
                            "Float64", r.suspects().stream().map(s -> 0.5).toArray(Double[]::new)));
            ps.executeUpdate();
        }
    }

    private static void nullable(PreparedStatement ps, int index, Instant t) throws Exception {
        if (t == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, t.toEpochMilli());
        }
    }

    private static void lifecycle(
            Connection c,
            String id,
            Instant at,
            String action,
            String actor,
            String tier,
            String note)
            throws Exception {
        String sql =
                "INSERT INTO lifecycle_events (event_ms, received_ms, incident_id, alert_fingerprint,"
                        + " action, actor, team, tier, note, source) VALUES (?, ?, ?, '', ?, ?, 'sre', ?, ?,"
                        + " 'pagerduty')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setLong(2, at.plus(Duration.ofSeconds(1)).toEpochMilli());
            ps.setString(3, id);
            ps.setString(4, action);
            ps.setString(5, actor);
            ps.setString(6, tier);
            ps.setString(7, note);
            ps.executeUpdate();
        }
    }

    private static void deploy(
            Connection c, String service, String env, String version, Instant at, String status)
            throws Exception {
        String sql =
                "INSERT INTO deploys (event_ms, service, environment, version, commit, status, url,"
                        + " source) VALUES (?, ?, ?, ?, '', ?, '', 'argo')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, service);
            ps.setString(3, env);
            ps.setString(4, version);
            ps.setString(5, status);
            ps.executeUpdate();
        }
    }

    private static void alert(
            Connection c, String fp, String name, String service, Instant starts, Instant received)
            throws Exception {
        String sql =
                "INSERT INTO alerts (event_ms, received_ms, fingerprint, status, name, service,"
                        + " environment, severity, summary, source, starts_ms, ends_ms, label_keys,"
                        + " label_values, generator_url, raw_id) VALUES (?, ?, ?, 'firing', ?, ?, 'prod',"
                        + " 'critical', '', 'alertmanager', ?, NULL, [], [], '', '')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, starts.toEpochMilli());
            ps.setLong(2, received.toEpochMilli());
            ps.setString(3, fp);
            ps.setString(4, name);
            ps.setString(5, service);
            ps.setLong(6, starts.toEpochMilli());
            ps.executeUpdate();
        }
    }

    private static void link(
            Connection c, String id, String fp, String name, String service, Instant at)
            throws Exception {
        String sql =
                "INSERT INTO incident_alerts (incident_id, fingerprint, linked_ms, alert_name, service,"
                        + " environment, reason, score_keys, score_values) VALUES (?, ?, ?, ?, ?, 'prod',"
                        + " 'opened', [], [])";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, fp);
            ps.setLong(3, at.toEpochMilli());
            ps.setString(4, name);
            ps.setString(5, service);
            ps.executeUpdate();
        }
    }
}
