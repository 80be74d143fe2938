package dev.incidentintel.correlation.clickhouse;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.correlate.Decision;
import dev.incidentintel.correlation.correlate.GroupingOptions;
import dev.incidentintel.correlation.correlate.IncidentCorrelator;
import dev.incidentintel.correlation.correlate.ScopeState;
import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.localstack.LocalClickHouse;
import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseConnections;
import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import dev.incidentintel.metricsapi.clickhouse.SchemaMigrator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Link reasons reach the V013 typed columns of {@code incident_alerts} on the real ClickHouse
 * server.
 */
class IncidentAlertRowsIT {

    @Test
    void storesEachAttachScoreComponentOfALink() throws Exception {
        ServiceTopology topology =
                new ServiceTopology(
                        1,
                        List.of(
                                new ServiceTopology.Service(
                                        "checkout", "shop", List.of("payments"))));
        IncidentCorrelator correlator = new IncidentCorrelator(GroupingOptions.defaults());
        ScopeState state = new ScopeState();
        List<IncidentUpdate> updates = new ArrayList<>();
        for (var alert :
                List.of(
                        firing("fp1", "PaymentsErrors", "payments", BEGINNING),
                        firing("fp2", "CheckoutErrors", "checkout", BEGINNING.plusSeconds(30)))) {
            Decision d = correlator.onAlert(state, alert, topology, env -> List.of());
            updates.addAll(d.updates());
        }
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).newLinks().get(0).reason()).isEqualTo("attached");

        LocalClickHouse ch = SharedTestInfra.clickHouse();
        String db = SharedTestInfra.uniqueName("links");
        ch.createDatabase(db);
        ClickHouseConnections conns = ClickHouseConnections.of(ClickHouseUrl.parse(ch.jdbcUrl(db)));
        SchemaMigrator.fromClasspath(conns).migrate();
        try (Connection c = conns.open()) {
            IncidentAlertRows rows = new IncidentAlertRows();
            try (PreparedStatement ps = c.prepareStatement(rows.insertSql())) {
                for (IncidentUpdate u : updates) {
                    rows.addRows(u, ps);
                }
                ps.executeBatch();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT fingerprint, reason, attach_score, attach_threshold, time_score,"
                                            + " topology_score, label_score, gap_seconds, topology_hops, length(score_keys)"
                                            + " FROM incident_alerts ORDER BY linked_ms")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("opened");
                rs.getDouble(3);
                assertThat(rs.wasNull()).as("no candidate: no score").isTrue();
                assertThat(rs.getInt(9)).isEqualTo(-1);

                assertThat(rs.next()).isTrue();
                var components = updates.get(1).newLinks().get(0).scoreComponents();
                assertThat(rs.getString(1)).isEqualTo("fp2");
                assertThat(rs.getDouble(3)).isEqualTo(components.get("score"));
                assertThat(rs.getDouble(4)).isEqualTo(components.get("threshold"));
                assertThat(rs.getDouble(5)).isEqualTo(components.get("timeScore"));
                assertThat(rs.getDouble(6)).isEqualTo(components.get("topologyScore"));
                rs.getDouble(7);
                assertThat(rs.wasNull()).as("no compared labels: not measured").isTrue();
                assertThat(rs.getDouble(8)).isEqualTo(30.0);
                assertThat(rs.getInt(9)).isEqualTo(1);
                assertThat(rs.getInt(10)).isEqualTo(components.size());
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
