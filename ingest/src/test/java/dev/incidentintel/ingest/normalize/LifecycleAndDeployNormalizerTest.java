package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.events.DeployEvent;
import dev.incidentintel.events.DeployStatus;
import dev.incidentintel.events.LifecycleAction;
import dev.incidentintel.events.LifecycleEvent;
import dev.incidentintel.events.Tier;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generic lifecycle, generic deploy and GitHub deployment_status bodies. */
class LifecycleAndDeployNormalizerTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void lifecycleArrayKeepsEveryField() {
        List<LifecycleEvent> events =
                new LifecycleNormalizer()
                        .normalize(
                                JsonBodies.parse(
                                        ("[{\"action\":\"escalate\",\"incidentId\":\"inc-1\",\"tier\":\"l2\",\"actor\":\"ann\",\"team\":\"db\","
                                                        + "\"time\":\"2024-05-01T11:00:00Z\",\"note\":\"needs DBA\",\"attributes\":{\"ticket\":\"T-1\"}},"
                                                        + "{\"action\":\"ACK\",\"alertFingerprint\":\"f1\"}]")
                                                .getBytes()),
                                RECEIVED);
        assertThat(events.get(0))
                .isEqualTo(
                        new LifecycleEvent(
                                1,
                                "api",
                                Instant.parse("2024-05-01T11:00:00Z"),
                                "inc-1",
                                null,
                                LifecycleAction.ESCALATE,
                                "ann",
                                "db",
                                Tier.L2,
                                "needs DBA",
                                Map.of("ticket", "T-1")));
        assertThat(events.get(1).action()).isEqualTo(LifecycleAction.ACK);
        assertThat(events.get(1).eventTime()).isEqualTo(RECEIVED);
    }

    @Test
    void lifecycleErrorsNameTheField() {
        LifecycleNormalizer n = new LifecycleNormalizer();
        assertThatThrownBy(
                        () ->
                                n.normalize(
                                        JsonBodies.parse(
                                                "[{\"action\":\"ack\",\"incidentId\":\"i\"},{\"action\":\"dance\",\"incidentId\":\"i\"}]"
                                                        .getBytes()),
                                        RECEIVED))
                .isInstanceOfSatisfying(
                        IngestException.class, e -> assertThat(e.field()).isEqualTo("$[1].action"));
        assertThatThrownBy(
                        () ->
                                n.normalize(
                                        JsonBodies.parse("{\"action\":\"ack\"}".getBytes()),
                                        RECEIVED))
                .isInstanceOfSatisfying(
                        IngestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
        assertThatThrownBy(
                        () ->
                                n.normalize(
                                        JsonBodies.parse(
                                                "{\"action\":\"ack\",\"incidentId\":\"i\",\"tier\":\"L9\"}"
                                                        .getBytes()),
                                        RECEIVED))
                .isInstanceOfSatisfying(
                        IngestException.class, e -> assertThat(e.field()).isEqualTo("tier"));
    }

    @Test
    void genericDeployDefaults() {
        DeployEvent d =
                new DeployNormalizer()
                        .generic(
                                JsonBodies.parse(
                                        "{\"service\":\"checkout\",\"version\":\"1.2\",\"commit\":\"abc\",\"timestamp\":\"1714561200\"}"
                                                .getBytes()),
                                RECEIVED)
                        .get(0);
        assertThat(d)
                .isEqualTo(
                        new DeployEvent(
                                1,
                                "api",
                                Instant.parse("2024-05-01T11:00:00Z"),
                                "checkout",
                                "unknown",
                                "1.2",
                                "abc",
                                DeployStatus.SUCCEEDED,
                                ""));
    }

    @Test
    void githubDeploymentStatusMapsStateAndRepository() {
        // Trimmed from GitHub's deployment_status webhook example.
        String body =
                "{\"action\":\"created\",\"deployment_status\":{\"id\":1,\"state\":\"failure\",\"environment\":\"production\","
                        + "\"target_url\":\"https://ci.example.com/1\",\"created_at\":\"2024-05-01T10:00:00Z\",\"updated_at\":\"2024-05-01T10:05:00Z\"},"
                        + "\"deployment\":{\"id\":7,\"sha\":\"a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d\",\"ref\":\"v2.3.0\",\"environment\":\"production\"},"
                        + "\"repository\":{\"name\":\"checkout\",\"full_name\":\"acme/checkout\"}}";
        DeployEvent d =
                new DeployNormalizer().github(JsonBodies.parse(body.getBytes()), RECEIVED).get(0);
        assertThat(d)
                .isEqualTo(
                        new DeployEvent(
                                1,
                                "github",
                                Instant.parse("2024-05-01T10:05:00Z"),
                                "checkout",
                                "production",
                                "v2.3.0",
                                "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d",
                                DeployStatus.FAILED,
                                "https://ci.example.com/1"));
        assertThat(
                        new DeployNormalizer()
                                .github(
                                        JsonBodies.parse(
                                                body.replace("failure", "inactive").getBytes()),
                                        RECEIVED))
                .isEmpty();
    }
}
