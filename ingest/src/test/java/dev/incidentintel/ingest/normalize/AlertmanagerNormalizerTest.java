package dev.incidentintel.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentintel.events.AlertEvent;
import dev.incidentintel.events.AlertStatus;
import dev.incidentintel.events.Severity;
import dev.incidentintel.ingest.ErrorCode;
import dev.incidentintel.ingest.IngestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules and rejections of the Alertmanager normaliser on small hand-written payloads. */
class AlertmanagerNormalizerTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");

    private final AlertmanagerNormalizer normalizer = new AlertmanagerNormalizer();

    private List<AlertEvent> normalize(String json) {
        return normalizer.normalize(
                JsonBodies.parse(json.getBytes(StandardCharsets.UTF_8)), RECEIVED);
    }

    /**
     * One alert with the given extra label/alert properties, inside a minimal valid notification.
     */
    private static String body(String labels, String alertExtra) {
        return "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"gk\",\"alerts\":[{\"labels\":{"
                + labels
                + "},\"startsAt\":\"2024-05-01T11:00:00Z\""
                + alertExtra
                + "}]}";
    }

    @Test
    void resolvedAlertWithEndsAtUsesEndsAtAsEventTime() {
        AlertEvent event =
                normalize(
                                body(
                                        "\"alertname\":\"A\"",
                                        ",\"status\":\"resolved\",\"endsAt\":\"2024-05-01T11:30:00.5+02:00\""))
                        .get(0);
        assertThat(event.status()).isEqualTo(AlertStatus.RESOLVED);
        // 11:30:00.5 at +02:00 is 09:30:00.5 UTC.
        assertThat(event.endsAt()).isEqualTo(Instant.parse("2024-05-01T09:30:00.500Z"));
        assertThat(event.eventTime()).isEqualTo(event.endsAt());
        assertThat(event.startsAt()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
    }

    @Test
    void perAlertStatusOverridesTopLevelAndTopLevelIsTheFallback() {
        String json =
                "{\"status\":\"resolved\",\"alerts\":["
                        + "{\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00Z\",\"status\":\"firing\"},"
                        + "{\"labels\":{\"alertname\":\"B\"},\"startsAt\":\"2024-05-01T11:00:00Z\"}]}";
        List<AlertEvent> events = normalize(json);
        assertThat(events)
                .extracting(AlertEvent::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        // Without groupKey the raw id is empty; without endsAt the resolved one is stamped on
        // receipt.
        assertThat(events.get(1).eventTime()).isEqualTo(RECEIVED);
        assertThat(events.get(0).rawId()).isEmpty();
    }

    @Test
    void blankUpstreamFingerprintIsReplacedByTheLabelHash() {
        // By hand: sha256("v1;9:alertname8:DiskFull;7:service3:api;") first 16 hex digits.
        AlertEvent event =
                normalize(
                                body(
                                        "\"alertname\":\"DiskFull\",\"service\":\"api\"",
                                        ",\"fingerprint\":\"  \""))
                        .get(0);
        assertThat(event.fingerprint()).isEqualTo("bf06b84c019f5e54");
    }

    @Test
    void upstreamFingerprintIsKeptVerbatimEvenWhenItIsNotHex() {
        AlertEvent event =
                normalize(body("\"alertname\":\"A\"", ",\"fingerprint\":\"My-Key/1\"")).get(0);
        assertThat(event.fingerprint()).isEqualTo("My-Key/1");
    }

    @Test
    void serviceAndEnvironmentFollowTheLabelOrder() {
        AlertEvent event =
                normalize(
                                body(
                                        "\"alertname\":\"A\",\"instance\":\"10.0.0.1:9100\",\"job\":\"node\",\"app\":\"checkout\","
                                                + "\"namespace\":\"shop\",\"env\":\"prod\",\"environment\":\" \"",
                                        ""))
                        .get(0);
        // app comes before job and instance; a blank "environment" is skipped, env beats namespace.
        assertThat(event.service()).isEqualTo("checkout");
        assertThat(event.environment()).isEqualTo("prod");
        assertThat(event.scopeKey()).isEqualTo("prod/checkout");
    }

    @Test
    void severityFallsBackToPriorityAndUnknownWordsStayUnknown() {
        assertThat(normalize(body("\"alertname\":\"A\",\"priority\":\"P2\"", "")).get(0).severity())
                .isEqualTo(Severity.ERROR);
        assertThat(
                        normalize(body("\"alertname\":\"A\",\"severity\":\"sev-banana\"", ""))
                                .get(0)
                                .severity())
                .isEqualTo(Severity.UNKNOWN);
        assertThat(normalize(body("\"alertname\":\"A\"", "")).get(0).severity())
                .isEqualTo(Severity.UNKNOWN);
    }

    @Test
    void summaryTakesTheFirstPresentAnnotationInOrder() {
        AlertEvent event =
                normalize(
                                body(
                                        "\"alertname\":\"A\"",
                                        ",\"annotations\":{\"description\":\"d\",\"message\":\"m\"}"))
                        .get(0);
        assertThat(event.summary()).isEqualTo("m");
        assertThat(event.annotations()).containsOnlyKeys("description", "message");
    }

    @Test
    void customLabelMappingIsHonoured() {
        LabelMapping mapping =
                new LabelMapping(
                        List.of("team_service"),
                        List.of("region"),
                        List.of("level"),
                        List.of("headline"));
        AlertEvent event =
                new AlertmanagerNormalizer(mapping)
                        .normalize(
                                JsonBodies.parse(
                                        body(
                                                        "\"alertname\":\"A\",\"team_service\":\"pay\",\"region\":\"eu-1\",\"level\":\"warn\","
                                                                + "\"service\":\"ignored\"",
                                                        ",\"annotations\":{\"headline\":\"h\",\"summary\":\"ignored\"}")
                                                .getBytes(StandardCharsets.UTF_8)),
                                RECEIVED)
                        .get(0);
        assertThat(event.service()).isEqualTo("pay");
        assertThat(event.environment()).isEqualTo("eu-1");
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.summary()).isEqualTo("h");
    }

    @Test
    void unknownPropertiesAndNullOptionalsAreIgnored() {
        List<AlertEvent> events =
                normalize(
                        "{\"version\":null,\"newField\":{\"x\":[1]},\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},"
                                + "\"annotations\":null,\"endsAt\":null,\"fingerprint\":null,\"generatorURL\":null,\"extra\":true,"
                                + "\"startsAt\":\"2024-05-01t11:00:00.123456789z\"}]}");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).startsAt())
                .isEqualTo(Instant.parse("2024-05-01T11:00:00.123456789Z"));
        assertThat(events.get(0).annotations()).isEmpty();
        assertThat(events.get(0).generatorUrl()).isEmpty();
    }

    static Stream<Arguments> rejections() {
        String ok = "{\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00Z\"}";
        return Stream.of(
                Arguments.of("not json", "{\"alerts\": [", ErrorCode.MALFORMED_JSON, "$"),
                Arguments.of("empty body", "", ErrorCode.MALFORMED_JSON, "$"),
                Arguments.of(
                        "trailing garbage",
                        "{\"status\":\"firing\",\"alerts\":[" + ok + "]} {}",
                        ErrorCode.MALFORMED_JSON,
                        "$"),
                Arguments.of("array body", "[" + ok + "]", ErrorCode.INVALID_TYPE, "$"),
                Arguments.of(
                        "missing alerts",
                        "{\"status\":\"firing\"}",
                        ErrorCode.MISSING_FIELD,
                        "alerts"),
                Arguments.of(
                        "null alerts",
                        "{\"status\":\"firing\",\"alerts\":null}",
                        ErrorCode.MISSING_FIELD,
                        "alerts"),
                Arguments.of(
                        "alerts object",
                        "{\"status\":\"firing\",\"alerts\":{}}",
                        ErrorCode.INVALID_TYPE,
                        "alerts"),
                Arguments.of(
                        "empty alerts",
                        "{\"status\":\"firing\",\"alerts\":[]}",
                        ErrorCode.INVALID_VALUE,
                        "alerts"),
                Arguments.of(
                        "alert not object",
                        "{\"status\":\"firing\",\"alerts\":[" + ok + ",7]}",
                        ErrorCode.INVALID_TYPE,
                        "alerts[1]"),
                Arguments.of(
                        "version 3",
                        "{\"version\":\"3\",\"status\":\"firing\",\"alerts\":[" + ok + "]}",
                        ErrorCode.UNSUPPORTED_VERSION,
                        "version"),
                Arguments.of(
                        "numeric version",
                        "{\"version\":4,\"status\":\"firing\",\"alerts\":[" + ok + "]}",
                        ErrorCode.INVALID_TYPE,
                        "version"),
                Arguments.of(
                        "bad top status",
                        "{\"status\":\"pending\",\"alerts\":[" + ok + "]}",
                        ErrorCode.INVALID_VALUE,
                        "status"),
                Arguments.of(
                        "groupKey object",
                        "{\"status\":\"firing\",\"groupKey\":{},\"alerts\":[" + ok + "]}",
                        ErrorCode.INVALID_TYPE,
                        "groupKey"),
                Arguments.of(
                        "no status anywhere",
                        "{\"alerts\":[" + ok + "]}",
                        ErrorCode.MISSING_FIELD,
                        "alerts[0].status"),
                Arguments.of(
                        "bad alert status",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00Z\",\"status\":\"pending\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].status"),
                Arguments.of(
                        "missing labels",
                        alert("\"startsAt\":\"2024-05-01T11:00:00Z\""),
                        ErrorCode.MISSING_FIELD,
                        "alerts[1].labels"),
                Arguments.of(
                        "labels array",
                        alert("\"labels\":[],\"startsAt\":\"2024-05-01T11:00:00Z\""),
                        ErrorCode.INVALID_TYPE,
                        "alerts[1].labels"),
                Arguments.of(
                        "missing alertname",
                        alert("\"labels\":{\"job\":\"x\"},\"startsAt\":\"2024-05-01T11:00:00Z\""),
                        ErrorCode.MISSING_FIELD,
                        "alerts[1].labels.alertname"),
                Arguments.of(
                        "numeric alertname",
                        alert("\"labels\":{\"alertname\":5},\"startsAt\":\"2024-05-01T11:00:00Z\""),
                        ErrorCode.INVALID_TYPE,
                        "alerts[1].labels.alertname"),
                Arguments.of(
                        "blank alertname",
                        alert(
                                "\"labels\":{\"alertname\":\" \"},\"startsAt\":\"2024-05-01T11:00:00Z\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].labels.alertname"),
                Arguments.of(
                        "non-string label with dotted key",
                        alert(
                                "\"labels\":{\"alertname\":\"A\",\"app.kubernetes.io/name\":true},\"startsAt\":\"2024-05-01T11:00:00Z\""),
                        ErrorCode.INVALID_TYPE,
                        "alerts[1].labels[\"app.kubernetes.io/name\"]"),
                Arguments.of(
                        "annotations string",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"annotations\":\"x\",\"startsAt\":\"2024-05-01T11:00:00Z\""),
                        ErrorCode.INVALID_TYPE,
                        "alerts[1].annotations"),
                Arguments.of(
                        "annotation object",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"annotations\":{\"summary\":{}},\"startsAt\":\"2024-05-01T11:00:00Z\""),
                        ErrorCode.INVALID_TYPE,
                        "alerts[1].annotations.summary"),
                Arguments.of(
                        "missing startsAt",
                        alert("\"labels\":{\"alertname\":\"A\"}"),
                        ErrorCode.MISSING_FIELD,
                        "alerts[1].startsAt"),
                Arguments.of(
                        "numeric startsAt",
                        alert("\"labels\":{\"alertname\":\"A\"},\"startsAt\":1714561200"),
                        ErrorCode.INVALID_TYPE,
                        "alerts[1].startsAt"),
                Arguments.of(
                        "bad startsAt",
                        alert("\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"yesterday\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].startsAt"),
                Arguments.of(
                        "startsAt without seconds",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00Z\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].startsAt"),
                Arguments.of(
                        "startsAt without offset",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].startsAt"),
                Arguments.of(
                        "startsAt ten fraction digits",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00.1234567890Z\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].startsAt"),
                Arguments.of(
                        "startsAt impossible date",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2023-02-30T11:00:00Z\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].startsAt"),
                Arguments.of(
                        "startsAt go zero",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"0001-01-01T00:00:00Z\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].startsAt"),
                Arguments.of(
                        "bad endsAt",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00Z\",\"endsAt\":\"soon\""),
                        ErrorCode.INVALID_VALUE,
                        "alerts[1].endsAt"),
                Arguments.of(
                        "numeric fingerprint",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00Z\",\"fingerprint\":12"),
                        ErrorCode.INVALID_TYPE,
                        "alerts[1].fingerprint"),
                Arguments.of(
                        "numeric generatorURL",
                        alert(
                                "\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00Z\",\"generatorURL\":1"),
                        ErrorCode.INVALID_TYPE,
                        "alerts[1].generatorURL"));
    }

    /** A valid first alert followed by {@code second}, so paths must say {@code alerts[1]}. */
    private static String alert(String second) {
        return "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2024-05-01T11:00:00Z\"},{"
                + second
                + "}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithCodeAndFieldPath(String name, String json, ErrorCode code, String field) {
        assertThatThrownBy(() -> normalize(json))
                .isInstanceOfSatisfying(
                        IngestException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(code);
                            assertThat(e.field()).isEqualTo(field);
                            assertThat(e.httpStatus()).isEqualTo(400);
                            assertThat(e.getMessage()).isNotBlank();
                        });
    }
}
