package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.kpi.DurationStats;
import dev.incidentintel.metricsapi.kpi.GroupBy;
import dev.incidentintel.metricsapi.kpi.KpiFilter;
import dev.incidentintel.metricsapi.kpi.KpiQuery;
import dev.incidentintel.metricsapi.kpi.MttxGroup;
import dev.incidentintel.metricsapi.kpi.ReportingWindow;
import dev.incidentintel.metricsapi.testing.TypeSevenPercentile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The MTTx median and p90 of {@code kpi_mttx.sql}, which select order statistics with sentinels
 * instead of sorting, against Hyndman-Fan type 7 written for the tests from its definition: one
 * service per group size n = 1..200, random durations with many ties, on a real ClickHouse.
 */
class MttxPercentileIT {
    private static final int MAX_N = 200;
    private static final Instant FROM = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-05-08T00:00:00Z");

    @Test
    void medianAndP90AreTypeSevenForEveryGroupSizeUpTo200() throws Exception {
        String database = SharedTestInfra.uniqueName("mttx_pct");
        ClickHouseConnections db =
                ClickHouseConnections.of(
                        ClickHouseUrl.parse(SharedTestInfra.clickHouse().jdbcUrl(database)));
        SharedTestInfra.clickHouse().createDatabase(database);
        SchemaMigrator.fromClasspath(db).migrate();

        Random random = new Random(7);
        Map<String, double[]> ttrByService = new HashMap<>();
        long step = (TO.toEpochMilli() - FROM.toEpochMilli()) / (MAX_N * (MAX_N + 1) / 2 + 1);
        long detected = FROM.toEpochMilli();
        try (Connection c = db.open();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO incidents (incident_id, version, title, environment, services,"
                                        + " primary_service, severity, status, impact_start_ms, detected_ms,"
                                        + " acknowledged_ms, resolved_ms, updated_ms, alert_count, firing_count,"
                                        + " notification_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                        + " ?, ?)")) {
            int id = 0;
            for (int n = 1; n <= MAX_N; n++) {
                String service = "svc-" + n;
                double[] ttr = new double[n];
                // Small ranges repeat values (ties at the selected ranks); large ones rarely do.
                // Half
                // seconds check that the fractions survive.
                int range = n % 3 == 0 ? 5 : 100_000;
                for (int i = 0; i < n; i++) {
                    long ttrMs = (random.nextInt(range) + 1) * 500L;
                    ttr[i] = ttrMs / 1000.0;
                    detected += step;
                    ps.setString(1, "I" + id++);
                    ps.setLong(2, 1);
                    ps.setString(3, "");
                    ps.setString(4, "prod");
                    ps.setArray(5, c.createArrayOf("String", new String[] {service}));
                    ps.setString(6, service);
                    ps.setString(7, "");
                    ps.setString(8, "resolved");
                    ps.setLong(9, detected - 1000);
                    ps.setLong(10, detected);
                    ps.setNull(11, java.sql.Types.BIGINT);
                    ps.setLong(12, detected + ttrMs);
                    ps.setLong(13, detected + ttrMs);
                    ps.setLong(14, 1);
                    ps.setLong(15, 0);
                    ps.setLong(16, 1);
                    ps.addBatch();
                }
                ttrByService.put(service, ttr);
            }
            ps.executeBatch();
        }

        List<MttxGroup> groups =
                new ClickHouseKpiRepository(db)
                        .mttx(
                                new KpiQuery(
                                        ReportingWindow.resolve(FROM, TO, TO),
                                        GroupBy.SERVICE,
                                        KpiFilter.none(),
                                        ZoneOffset.UTC,
                                        TO));

        assertThat(groups).hasSize(MAX_N);
        List<String> mismatches = new ArrayList<>();
        for (MttxGroup g : groups) {
            double[] ttr = ttrByService.get(g.key());
            DurationStats stats = g.mttr();
            assertThat(stats.count()).as(g.key()).isEqualTo(ttr.length);
            assertThat(stats.meanSeconds())
                    .as(g.key())
                    .isCloseTo(Arrays.stream(ttr).sum() / ttr.length, within(1e-6));
            if (Math.abs(stats.medianSeconds() - TypeSevenPercentile.of(ttr, 0.5)) > 1e-6
                    || Math.abs(stats.p90Seconds() - TypeSevenPercentile.of(ttr, 0.9)) > 1e-6) {
                mismatches.add(
                        g.key()
                                + ": median "
                                + stats.medianSeconds()
                                + " vs "
                                + TypeSevenPercentile.of(ttr, 0.5)
                                + ", p90 "
                                + stats.p90Seconds()
                                + " vs "
                                + TypeSevenPercentile.of(ttr, 0.9));
            }
            // Every incident has an impact start 1 s before detection: MTTD is exactly 1 s.
            assertThat(g.mttd().medianSeconds()).as(g.key()).isEqualTo(1.0);
            assertThat(g.mttd().p90Seconds()).as(g.key()).isEqualTo(1.0);
        }
        assertThat(mismatches).isEmpty();
    }
}
