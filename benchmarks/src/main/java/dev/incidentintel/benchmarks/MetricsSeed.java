package dev.incidentintel.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * Generates benchmark data inside ClickHouse ({@code INSERT ... SELECT FROM numbers(N)}): every
 * value is a fixed function of the row number, so two runs produce the same data. Incidents and
 * alerts are spread evenly over the 90 days before {@code now}; 50 services, 2 environments, 5
 * priorities, 6 categories, 8 teams; 5 % of incidents open; every 10th a recurrence; every 25th
 * escalated; one link per incident; 20,000 deploys, every 50th incident suspecting one. Every third
 * incident has two versions (open, then its final state), so current-state reads collapse versions
 * as they do on real data.
 */
final class MetricsSeed {
    private MetricsSeed() {}

    static void seed(String url, long alerts, long incidents, Instant now) throws Exception {
        long end = now.toEpochMilli();
        long span = Duration.ofDays(90).toMillis();
        long start = end - span;
        long incidentStep = Math.max(1, span / Math.max(1, incidents));
        long alertStep = Math.max(1, span / Math.max(1, alerts));
        Properties props = new Properties();
        props.setProperty("socket_timeout", "1800000");
        try (Connection c = new ClickHouseDriver().connect(url, props);
                Statement s = c.createStatement()) {
            // A second seed would add a second set of incidents with the same ids at other
            // detection
            // times (incidents_current keys on detected_ms), so refuse rather than skew every
            // figure.
            try (ResultSet rs = s.executeQuery("SELECT count() FROM incidents")) {
                if (rs.next() && rs.getLong(1) > 0) {
                    throw new IllegalStateException(
                            "the database already holds "
                                    + rs.getLong(1)
                                    + " incident rows: run with --no-seed, or remove the --data-dir folder to seed again");
                }
            }
            // Earlier snapshots first, each in its own insert (separate parts, unmerged): every
            // third
            // incident was also written open at version 1 before its final version 2, the way the
            // job
            // writes an incident when it opens and again when it resolves.
            s.execute(
                    incidentsInsert(
                            start,
                            incidentStep,
                            incidents,
                            "1",
                            "'open'",
                            "NULL",
                            "number % 3 = 0"));
            s.execute(
                    incidentsInsert(
                            start,
                            incidentStep,
                            incidents,
                            "if(number % 3 = 0, 2, 1)",
                            "if(number % 20 = 0, 'open', 'resolved')",
                            "if(number % 20 = 0, NULL, d + 600000 + (number % 14400) * 1000)",
                            "1"));
            // The writes happened over 90 days, not now: date them at the incidents' last update,
            // as
            // the change list of incident snapshots would have them (IncidentSnapshots).
            s.execute("TRUNCATE TABLE incident_writes");
            s.execute(
                    "INSERT INTO incident_writes SELECT toDateTime(intDiv(updated_ms, 1000)),"
                            + " toDate(toDateTime(intDiv(updated_ms, 1000))), incident_id FROM incidents");
            s.execute(
                    "INSERT INTO alerts (event_ms, received_ms, fingerprint, status, name, service, environment,"
                            + " severity, summary, source, starts_ms, ends_ms, label_keys, label_values,"
                            + " generator_url, raw_id)"
                            + " SELECT e, e + 50, concat('fp-', toString(number % 2000000)), 'firing',"
                            + " concat('Rule', toString(number % 200)), concat('svc-', toString(number % 50)),"
                            + " ['prod', 'staging'][number % 2 + 1], 'critical', '', 'alertmanager', e, NULL, [], [],"
                            + " '', '' FROM (SELECT number, toUInt64("
                            + start
                            + ") + number * "
                            + alertStep
                            + " AS e FROM numbers("
                            + alerts
                            + "))");
            // As for incidents: the notifications arrived over 90 days, so date each hour's write
            // at its last notification's receipt (the noise rollup's change list, NoiseRollup).
            s.execute("TRUNCATE TABLE alert_writes");
            s.execute(
                    "INSERT INTO alert_writes SELECT toDateTime(intDiv(max(received_ms), 1000)),"
                            + " toDate(toDateTime(intDiv(max(received_ms), 1000))),"
                            + " intDiv(event_ms, 3600000) * 3600000 AS hour_ms FROM alerts_by_time GROUP BY hour_ms");
            // That hides the seeded hours from the change list, so a noise rollup the API built
            // before the seed (it takes a snapshot at start) would be carried forward without them:
            // drop the rollups, and the next snapshot counts everything.
            s.execute("TRUNCATE TABLE noise_rollup_log");
            s.execute("TRUNCATE TABLE noise_rollup");
            s.execute(
                    "INSERT INTO incident_alerts (incident_id, fingerprint, linked_ms, alert_name, service,"
                            + " environment, reason, score_keys, score_values)"
                            + " SELECT concat('inc-', toString(number)), concat('fp-', toString(number % 2000000)), d,"
                            + " concat('Rule', toString(number % 200)), concat('svc-', toString(number % 50)),"
                            + " ['prod', 'staging'][number % 2 + 1], 'opened', [], []"
                            + " FROM (SELECT number, toUInt64("
                            + start
                            + ") + number * "
                            + incidentStep
                            + " AS d FROM numbers("
                            + incidents
                            + "))");
            s.execute(
                    "INSERT INTO lifecycle_events (event_ms, received_ms, incident_id, alert_fingerprint, action,"
                            + " actor, team, tier, note, source)"
                            + " SELECT d + 300000, d + 300050, concat('inc-', toString(number)), '',"
                            + " if(number % 25 = 0, 'escalate', 'ack'), 'oncall', concat('team-', toString(number % 8)),"
                            + " if(number % 25 = 0, 'L2', 'L1'), '', 'pagerduty'"
                            + " FROM (SELECT number, toUInt64("
                            + start
                            + ") + number * "
                            + incidentStep
                            + " AS d FROM numbers("
                            + incidents
                            + ")) WHERE number % 5 = 0");
            s.execute(
                    "INSERT INTO deploys (event_ms, service, environment, version, commit, status, url, source)"
                            + " SELECT toUInt64("
                            + start
                            + ") + number * "
                            + (span / 20000)
                            + ","
                            + " concat('svc-', toString(number % 50)), ['prod', 'staging'][number % 2 + 1],"
                            + " concat('v', toString(number % 400)), '', if(number % 30 = 0, 'rolled_back', 'succeeded'),"
                            + " '', 'argo' FROM numbers(20000)");
        }
    }

    /**
     * One snapshot of (some) incidents: version, status and resolved_ms are SQL over number and d.
     */
    private static String incidentsInsert(
            long start,
            long incidentStep,
            long incidents,
            String version,
            String status,
            String resolved,
            String where) {
        return "INSERT INTO incidents (incident_id, version, title, environment, services, primary_service,"
                + " severity, status, impact_start_ms, detected_ms, acknowledged_ms, mitigated_ms,"
                + " resolved_ms, closed_ms, updated_ms, alert_count, firing_count, notification_count,"
                + " source, priority, category, team, triage_confidence, tier, escalations, reopen_count,"
                + " signature, recurrence_of, rarity, suspect_deploys, suspect_scores)"
                + " SELECT concat('inc-', toString(number)), "
                + version
                + ", concat('Incident ', toString(number % 977)),"
                + " ['prod', 'staging'][number % 2 + 1], [concat('svc-', toString(number % 50))],"
                + " concat('svc-', toString(number % 50)), ['critical', 'warning'][number % 2 + 1],"
                + " "
                + status
                + ", d - 30000 - (number % 600) * 1000, d,"
                + " if(number % 7 = 0, NULL, d + (number % 1800) * 1000), NULL,"
                + " "
                + resolved
                + ", NULL, d, 3, 0, 9,"
                + " 'correlation-job', concat('P', toString(number % 5 + 1)),"
                + " ['database', 'network', 'capacity', 'deploy', 'security', 'storage'][number % 6 + 1],"
                + " concat('team-', toString(number % 8)), 0.8, if(number % 25 = 0, 'L2', 'L1'),"
                + " if(number % 25 = 0, 1, 0), 0, concat('sig-', toString(number % 5000)),"
                + " if(number % 10 = 0 AND number >= 5000, concat('inc-', toString(number - 5000)), ''), '',"
                + " if(number % 50 = 0, [concat('svc-', toString(number % 50), '@v', toString(number % 400))],"
                + " emptyArrayString()),"
                + " if(number % 50 = 0, [0.7], emptyArrayFloat64())"
                + " FROM (SELECT number, toUInt64("
                + start
                + ") + number * "
                + incidentStep
                + " AS d FROM numbers("
                + incidents
                + ")) WHERE "
                + where;
    }
}
