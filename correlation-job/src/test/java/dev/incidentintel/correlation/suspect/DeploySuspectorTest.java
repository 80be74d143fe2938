package dev.incidentintel.correlation.suspect;

import static dev.incidentintel.correlation.Alerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.SuspectDeploy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeploySuspectorTest {
    private final DeploySuspector suspector = new DeploySuspector(SuspectOptions.defaults());

    private static DeployEvent deploy(
            String service, String env, String version, DeployStatus status, Instant at) {
        return new DeployEvent(1, "ci", at, service, env, version, "c-" + version, status, "");
    }

    @Test
    void recentFailedDeployOfTheSameServiceRanksFirstWithItsComponents() {
        List<SuspectDeploy> s =
                suspector.suspects(
                        "prod",
                        List.of("checkout"),
                        BEGINNING,
                        List.of(
                                deploy(
                                        "checkout",
                                        "prod",
                                        "v1",
                                        DeployStatus.SUCCEEDED,
                                        BEGINNING.minus(Duration.ofMinutes(60))),
                                deploy(
                                        "checkout",
                                        "prod",
                                        "v2",
                                        DeployStatus.FAILED,
                                        BEGINNING.minus(Duration.ofMinutes(30)))),
                        DeploySuspector.ServiceDistance.SAME_SERVICE_ONLY);

        assertThat(s).extracting(SuspectDeploy::version).containsExactly("v2", "v1");
        // v2: 30 min before = one half-life -> 0.5, failed -> 1.0; v1: two half-lives -> 0.25 *
        // 0.8.
        assertThat(s.get(0).score()).isCloseTo(0.5, within(1e-9));
        assertThat(s.get(1).score()).isCloseTo(0.2, within(1e-9));
        assertThat(s.get(0).components())
                .containsEntry("minutesBeforeImpact", 30.0)
                .containsEntry("distance", 0.0);
    }

    @Test
    void otherEnvironmentsUnrelatedServicesAndDeploysOutsideTheWindowAreNotSuspects() {
        List<SuspectDeploy> s =
                suspector.suspects(
                        "prod",
                        List.of("checkout"),
                        BEGINNING,
                        List.of(
                                deploy(
                                        "checkout",
                                        "staging",
                                        "v1",
                                        DeployStatus.FAILED,
                                        BEGINNING.minusSeconds(60)),
                                deploy(
                                        "search",
                                        "prod",
                                        "v9",
                                        DeployStatus.FAILED,
                                        BEGINNING.minusSeconds(60)),
                                deploy(
                                        "checkout",
                                        "prod",
                                        "v0",
                                        DeployStatus.FAILED,
                                        BEGINNING.minus(Duration.ofHours(3))),
                                deploy(
                                        "checkout",
                                        "prod",
                                        "v3",
                                        DeployStatus.FAILED,
                                        BEGINNING.plus(Duration.ofMinutes(5)))),
                        DeploySuspector.ServiceDistance.SAME_SERVICE_ONLY);
        assertThat(s).isEmpty();
    }

    @Test
    void topologyNeighboursCountWithHalfTheScoreAtDistanceOne() {
        DeploySuspector.ServiceDistance topology =
                (a, b) ->
                        a.equals(b)
                                ? OptionalInt.of(0)
                                : (a.equals("checkout") && b.equals("payments")
                                        ? OptionalInt.of(1)
                                        : OptionalInt.empty());
        List<SuspectDeploy> s =
                suspector.suspects(
                        "prod",
                        List.of("checkout"),
                        BEGINNING,
                        List.of(
                                deploy(
                                        "payments",
                                        "prod",
                                        "p7",
                                        DeployStatus.ROLLED_BACK,
                                        BEGINNING)),
                        topology);
        assertThat(s)
                .singleElement()
                .satisfies(d -> assertThat(d.score()).isCloseTo(0.5, within(1e-9)));
    }

    @Test
    void startedThenSucceededIsOneCandidateAndAtMostThreeAreKept() {
        List<DeployEvent> deploys = new java.util.ArrayList<>();
        deploys.add(
                deploy(
                        "checkout",
                        "prod",
                        "v1",
                        DeployStatus.STARTED,
                        BEGINNING.minusSeconds(300)));
        deploys.add(
                deploy(
                        "checkout",
                        "prod",
                        "v1",
                        DeployStatus.SUCCEEDED,
                        BEGINNING.minusSeconds(240)));
        for (int i = 2; i < 7; i++) {
            deploys.add(
                    deploy(
                            "checkout",
                            "prod",
                            "v" + i,
                            DeployStatus.SUCCEEDED,
                            BEGINNING.minusSeconds(600L * i)));
        }
        List<SuspectDeploy> s =
                suspector.suspects(
                        "prod",
                        List.of("checkout"),
                        BEGINNING,
                        deploys,
                        DeploySuspector.ServiceDistance.SAME_SERVICE_ONLY);
        assertThat(s).hasSize(3);
        assertThat(s.get(0).version()).isEqualTo("v1");
        assertThat(s.get(0).status()).isEqualTo(DeployStatus.SUCCEEDED);
    }

    @Test
    void aGraceLongerThanAnHourIsRefusedBecauseTheApiBoundsItsDoraReadsByIt() {
        assertThat(
                        new SuspectOptions(
                                        Duration.ofHours(2),
                                        SuspectOptions.MAX_GRACE,
                                        Duration.ofMinutes(30),
                                        3)
                                .grace())
                .isEqualTo(Duration.ofHours(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                new SuspectOptions(
                                        Duration.ofHours(2),
                                        Duration.ofMinutes(61),
                                        Duration.ofMinutes(30),
                                        3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grace");
    }
}
