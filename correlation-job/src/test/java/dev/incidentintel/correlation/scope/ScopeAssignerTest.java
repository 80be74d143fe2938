package dev.incidentintel.correlation.scope;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static dev.incidentintel.correlation.Alerts.firing;
import static dev.incidentintel.correlation.Alerts.resolved;
import static dev.incidentintel.correlation.Alerts.withCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.correlation.topology.ServiceTopology;
import dev.incidentintel.events.AlertEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeAssignerTest {
    private static final Duration FIRING_KEEP = Duration.ofHours(1);
    private static final Duration RESOLVED_KEEP = Duration.ofMinutes(5);
    private static final ScopeAssigner ASSIGNER =
            new ScopeAssigner(new ScopeOptions("", "cluster"), FIRING_KEEP, RESOLVED_KEEP);
    private static final ServiceTopology CHECKOUT_ON_PAYMENTS =
            new ServiceTopology(
                    1,
                    List.of(new ServiceTopology.Service("checkout", "shop", List.of("payments"))));

    @Test
    void servicesOfOneComponentShareTheScopeOfTheirEnvironment() {
        String checkout =
                ASSIGNER.scopeOf(
                        firing("fp1", "Latency", "checkout", BEGINNING), CHECKOUT_ON_PAYMENTS);
        String payments =
                ASSIGNER.scopeOf(
                        firing("fp2", "Errors", "payments", BEGINNING), CHECKOUT_ON_PAYMENTS);
        assertThat(checkout).isEqualTo(payments).isEqualTo("prod/topo:checkout");
    }

    @Test
    void aServiceUnknownToTheTopologyFallsBackToTheGroupingLabelElseItsService() {
        AlertEvent labelled = withCluster(firing("fp1", "Latency", "search", BEGINNING), "eu-1");
        assertThat(ASSIGNER.scopeOf(labelled, CHECKOUT_ON_PAYMENTS)).isEqualTo("prod/cluster=eu-1");
        assertThat(
                        ASSIGNER.scopeOf(
                                firing("fp1", "Latency", "search", BEGINNING),
                                CHECKOUT_ON_PAYMENTS))
                .isEqualTo("prod/search");
        ScopeAssigner noLabel =
                new ScopeAssigner(new ScopeOptions("", ""), FIRING_KEEP, RESOLVED_KEEP);
        assertThat(noLabel.scopeOf(labelled, ServiceTopology.empty())).isEqualTo("prod/search");
    }

    @Test
    void anAlertKeepsItsScopeAcrossATopologyChangeUntilItsPinExpires() {
        ScopePin pin =
                ASSIGNER.pin(
                        null,
                        firing("fp1", "Latency", "checkout", BEGINNING),
                        CHECKOUT_ON_PAYMENTS);
        assertThat(pin.scope()).isEqualTo("prod/topo:checkout");
        assertThat(pin.expiresAt()).isEqualTo(BEGINNING.plus(FIRING_KEEP));

        // The topology no longer knows checkout: its resolve still goes to the pinned scope.
        AlertEvent resolve =
                resolved("fp1", "Latency", "checkout", BEGINNING, BEGINNING.plusSeconds(600));
        ScopePin after = ASSIGNER.pin(pin, resolve, ServiceTopology.empty());
        assertThat(after.scope()).isEqualTo("prod/topo:checkout");
        assertThat(after.expiresAt()).as("never shortened").isEqualTo(BEGINNING.plus(FIRING_KEEP));

        // Fired again after the pin expired: scoped by the current topology.
        AlertEvent later =
                firing("fp1", "Latency", "checkout", BEGINNING.plus(FIRING_KEEP).plusSeconds(1));
        assertThat(ASSIGNER.pin(after, later, ServiceTopology.empty()).scope())
                .isEqualTo("prod/checkout");
    }

    @Test
    void aResolveKeepsThePinForTheResolvedPeriodOnly() {
        AlertEvent resolve =
                resolved("fp1", "Latency", "checkout", BEGINNING, BEGINNING.plusSeconds(60));
        ScopePin pin = ASSIGNER.pin(null, resolve, CHECKOUT_ON_PAYMENTS);
        assertThat(pin.expiresAt()).isEqualTo(BEGINNING.plusSeconds(60).plus(RESOLVED_KEEP));
        assertThat(ScopeAssigner.expired(pin, pin.expiresAt())).isTrue();
        assertThat(ScopeAssigner.expired(pin, pin.expiresAt().minusMillis(1))).isFalse();
    }
}
