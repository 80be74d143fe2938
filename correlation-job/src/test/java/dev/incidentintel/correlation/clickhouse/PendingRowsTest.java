package dev.incidentintel.correlation.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.correlation.anomaly.logs.TemplateStats;
import dev.incidentintel.correlation.anomaly.series.Anomaly;
import dev.incidentintel.correlation.lifecycle.LifecycleApplierTest;
import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.IncidentChange;
import dev.incidentintel.events.IncidentStatus;
import dev.incidentintel.events.IncidentUpdate;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.Severity;
import dev.incidentintel.events.Tier;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse sink's checkpointed state round-trips every element type the job stores, in order,
 * and refuses what it cannot read.
 */
class PendingRowsTest {
    private static final Instant T = Instant.parse("2026-11-24T10:15:30.123456789Z");

    private static <T> PendingRows<T> roundTrip(Class<T> type, List<T> elements)
            throws IOException {
        PendingRows.Serializer<T> serializer = new PendingRows.Serializer<>(type);
        byte[] bytes = serializer.serialize(new PendingRows<>(elements));
        return serializer.deserialize(serializer.getVersion(), bytes);
    }

    @Test
    void everyStoredElementTypeSurvivesTheRoundTripInOrder() throws IOException {
        List<AlertEvent> alerts =
                List.of(
                        new AlertEvent(
                                1,
                                "alertmanager",
                                T,
                                T.plusMillis(5),
                                "fp-1",
                                AlertStatus.FIRING,
                                "HighErrorRate",
                                "api",
                                "prod",
                                Severity.CRITICAL,
                                "errors > 5%",
                                Map.of("team", "core", "pod", "api-0"),
                                Map.of("runbook", "r"),
                                T.minusSeconds(30),
                                null,
                                "http://prom/graph",
                                "raw-1"),
                        new AlertEvent(
                                1,
                                "grafana",
                                T.plusSeconds(1),
                                T.plusSeconds(2),
                                "fp-2",
                                AlertStatus.RESOLVED,
                                "Latency",
                                "db",
                                "prod",
                                Severity.WARNING,
                                "",
                                Map.of(),
                                Map.of(),
                                T.minusSeconds(90),
                                T.plusSeconds(1),
                                "",
                                ""));
        assertThat(roundTrip(AlertEvent.class, alerts).elements())
                .containsExactlyElementsOf(alerts);

        List<IncidentUpdate> updates =
                List.of(
                        LifecycleApplierTest.fromCorrelator(
                                IncidentStatus.OPEN, IncidentChange.OPENED, 1, T),
                        LifecycleApplierTest.fromCorrelator(
                                IncidentStatus.RESOLVED,
                                IncidentChange.RESOLVED,
                                2,
                                T.plusSeconds(60)));
        assertThat(roundTrip(IncidentUpdate.class, updates).elements())
                .containsExactlyElementsOf(updates);

        List<LifecycleEvent> steps =
                List.of(
                        new LifecycleEvent(
                                1,
                                "pagerduty",
                                T,
                                "inc-1",
                                null,
                                LifecycleAction.ASSIGN,
                                "alice",
                                "db-team",
                                Tier.L2,
                                "moved",
                                Map.of("k", "v")));
        assertThat(roundTrip(LifecycleEvent.class, steps).elements())
                .containsExactlyElementsOf(steps);

        List<DeployEvent> deploys =
                List.of(
                        new DeployEvent(
                                1,
                                "argo",
                                T,
                                "api",
                                "prod",
                                "v2",
                                "abc123",
                                DeployStatus.SUCCEEDED,
                                "https://ci/1"));
        assertThat(roundTrip(DeployEvent.class, deploys).elements())
                .containsExactlyElementsOf(deploys);

        List<TemplateStats> templates =
                List.of(new TemplateStats("prod", "api", "t1", "GET <*>", T, T.plusSeconds(60), 5));
        assertThat(roundTrip(TemplateStats.class, templates).elements())
                .containsExactlyElementsOf(templates);

        List<Anomaly> anomalies =
                List.of(
                        new Anomaly(
                                "log_rate/prod/api/t1",
                                "log_rate",
                                "prod",
                                "api",
                                "t1",
                                T,
                                T.plusSeconds(600),
                                42,
                                0.93,
                                true));
        assertThat(roundTrip(Anomaly.class, anomalies).elements())
                .containsExactlyElementsOf(anomalies);
    }

    @Test
    void anEmptyStateRoundTrips() throws IOException {
        assertThat(roundTrip(AlertEvent.class, List.of()).elements()).isEmpty();
    }

    @Test
    void anUnknownVersionIsRefused() {
        PendingRows.Serializer<AlertEvent> serializer =
                new PendingRows.Serializer<>(AlertEvent.class);
        assertThatThrownBy(() -> serializer.deserialize(2, new byte[] {0, 0, 0, 0}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }
}
