package dev.incidentintel.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provisioning files and the shape every dashboard must have. */
class DashboardFilesTest {
    private static final Set<String> EXPECTED_UIDS =
            Set.of(
                    "ii-kpi-overview",
                    "ii-heatmaps",
                    "ii-recurrence",
                    "ii-noise",
                    "ii-triage-quality",
                    "ii-dora");

    /** Datasource references that are not the {@code ${datasource}} variable, with where. */
    static List<String> hardCodedDatasources(JsonNode dashboard) {
        List<String> bad = new ArrayList<>();
        walk(dashboard, "", bad);
        return bad;
    }

    private static void walk(JsonNode node, String path, List<String> bad) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e -> {
                                String here = path + "/" + e.getKey();
                                if (e.getKey().equals("datasource")
                                        && !path.endsWith("/templating/list")) {
                                    JsonNode ds = e.getValue();
                                    String uid =
                                            ds.isTextual()
                                                    ? ds.asText()
                                                    : ds.path("uid").asText("");
                                    if (!uid.equals("${datasource}")) {
                                        bad.add(here + " = " + ds);
                                    }
                                } else {
                                    walk(e.getValue(), here, bad);
                                }
                            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, bad);
            }
        }
    }

    @Test
    void everyDashboardHasStableUidTagsIntroAndTheTemplateVariables() throws Exception {
        Set<String> uids = new HashSet<>();
        for (Path file : Dashboards.files()) {
            JsonNode d = Dashboards.read(file);
            String uid = d.get("uid").asText();
            assertThat(uids.add(uid)).as("duplicate uid " + uid).isTrue();
            assertThat(d.get("tags").toString()).as(uid).contains("incident-intel");
            assertThat(d.get("tags").size()).as(uid).isGreaterThanOrEqualTo(2);
            JsonNode first = d.get("panels").get(0);
            assertThat(first.get("type").asText()).as(uid + " intro panel").isEqualTo("text");
            assertThat(first.at("/options/content").asText()).as(uid).contains("docs/METRICS.md#");
            List<String> vars = new ArrayList<>();
            d.at("/templating/list").forEach(v -> vars.add(v.get("name").asText()));
            assertThat(vars).as(uid).contains("datasource", "service", "team", "environment");
            assertThat(hardCodedDatasources(d)).as(uid).isEmpty();
        }
        assertThat(uids).isEqualTo(EXPECTED_UIDS);
    }

    @Test
    void theHardCodedDatasourceCheckCatchesOne() throws Exception {
        JsonNode d = Dashboards.read(Dashboards.files().get(0)).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        d.get("panels").get(1).get("targets").get(0))
                .set(
                        "datasource",
                        new ObjectMapper()
                                .readTree(
                                        "{\"type\":\"grafana-clickhouse-datasource\",\"uid\":\"P1234\"}"));

        assertThat(hardCodedDatasources(d)).hasSize(1).first().asString().contains("P1234");
    }

    @Test
    void everyPanelQueryStartsWithAMetricCommentAndUsesTheFilters() throws Exception {
        for (Dashboards.PanelQuery q : Dashboards.queries()) {
            assertThat(q.sql()).as(q.key()).startsWith("-- Metric:").contains("docs/METRICS.md#");
            assertThat(q.sql()).as(q.key()).contains("$__timeFilter(").contains("${service}");
            assertThat(q.sql()).as(q.key()).contains("${environment}");
        }
    }

    @Test
    void macrosExpandWithBalancedArguments() {
        String sql =
                "SELECT 1 WHERE $__timeFilter(toDateTime(intDiv(event_ms, 1000))) AND s = '${service}'";
        String out =
                Dashboards.expand(
                        sql,
                        Instant.ofEpochSecond(100),
                        Instant.ofEpochSecond(200),
                        Map.of("service", "x"));
        assertThat(out)
                .isEqualTo(
                        "SELECT 1 WHERE toDateTime(intDiv(event_ms, 1000)) >= toDateTime(100) AND"
                                + " toDateTime(intDiv(event_ms, 1000)) <= toDateTime(200) AND s = 'x'");
    }

    @Test
    void datasourceComesFromTheEnvironmentAndIsNotEditable() throws Exception {
        String ds =
                Files.readString(Dashboards.PROVISIONING.resolve("datasources/clickhouse.yaml"));
        assertThat(ds)
                .contains("type: grafana-clickhouse-datasource")
                .contains("uid: incident-intel-clickhouse")
                .contains("editable: false")
                .contains("host: ${CLICKHOUSE_HOST}")
                .contains("port: ${CLICKHOUSE_HTTP_PORT}")
                .contains("username: ${CLICKHOUSE_USER}")
                .contains("password: ${CLICKHOUSE_PASSWORD}");
        String provider =
                Files.readString(Dashboards.PROVISIONING.resolve("dashboards/incident-intel.yaml"));
        assertThat(provider).contains("type: file").contains("allowUiUpdates: false");
    }
}
