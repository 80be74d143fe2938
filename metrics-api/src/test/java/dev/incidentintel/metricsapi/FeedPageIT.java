package dev.incidentintel.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentintel.localstack.testing.SharedTestInfra;
import dev.incidentintel.metricsapi.testing.HeadlessChromium;
import dev.incidentintel.metricsapi.testing.KpiFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * The feed page in headless Chromium against the KPI fixture: the tiles and rows it shows, and a
 * new incident appearing without a reload. Keeps target/feed-page.png as an artifact.
 */
class FeedPageIT {

    @Test
    void pageShowsTilesAndTheFeedAndUpdatesWithoutReload() throws Exception {
        String url = SharedTestInfra.clickHouse().jdbcUrl(SharedTestInfra.uniqueName("feed_page"));
        try (ApiServer server = ApiServer.start(ApiConfig.forClickHouse("127.0.0.1", 0, url));
                Connection c = new ClickHouseDriver().connect(url, new Properties());
                HeadlessChromium chromium = HeadlessChromium.start()) {
            KpiFixture.seed(c);
            String page =
                    "http://127.0.0.1:"
                            + server.port()
                            + "/?refreshMs=500&from="
                            + KpiFixture.FROM
                            + "&to="
                            + KpiFixture.TO;
            chromium.navigate(page);
            chromium.waitFor(
                    "document.querySelectorAll('#feed tr').length === 7", Duration.ofSeconds(20));

            // K1..K6 in the window: 6 incidents, K4 open; MTTA (600 + 1200 + 300 + 3000) / 4 = 1275
            // s;
            // MTTR (10800 + 18000 + 3600 + 7200 + 600) / 5 = 8040 s; noise 6 notifications -> 6
            // incidents = 0 %.
            assertThat(chromium.eval("document.getElementById('tile-incidents').textContent"))
                    .isEqualTo("6");
            assertThat(chromium.eval("document.getElementById('tile-open').textContent"))
                    .isEqualTo("1");
            assertThat(chromium.eval("document.getElementById('tile-mtta').textContent"))
                    .isEqualTo("21m15s");
            assertThat(chromium.eval("document.getElementById('tile-mttr').textContent"))
                    .isEqualTo("2h14m");
            assertThat(chromium.eval("document.getElementById('tile-noise').textContent"))
                    .isEqualTo("0%");
            assertThat(chromium.eval("document.querySelector('#feed tr').dataset.id"))
                    .isEqualTo("K6");
            assertThat(chromium.eval("document.querySelector('#feed tr[data-id=K3]').innerText"))
                    .contains("Card declines spike")
                    .contains("P2");
            assertThat(chromium.eval("document.querySelector('#feed tr[data-id=K4]').className"))
                    .isEqualTo("open");

            // A new incident arrives: the page shows it on its next poll, in the same page load.
            try (Statement s = c.createStatement()) {
                s.execute(
                        "INSERT INTO incidents (incident_id, version, title, environment, services,"
                                + " primary_service, severity, status, impact_start_ms, detected_ms, updated_ms,"
                                + " alert_count, firing_count, notification_count, priority) VALUES ('K7', 1,"
                                + " '<b>Fresh</b> outage', 'prod', ['checkout'], 'checkout', 'critical', 'open',"
                                + " 1900000000000, 1900000000000, 1900000000000, 1, 1, 1, 'P1')");
            }
            chromium.waitFor(
                    "document.querySelector('#feed tr') && document.querySelector('#feed tr').dataset.id === 'K7'",
                    Duration.ofSeconds(20));
            assertThat(chromium.eval("window.feedLoads")).isEqualTo("1");
            // Title text is shown as text, never as markup.
            assertThat(chromium.eval("document.querySelector('#feed tr[data-id=K7]').innerText"))
                    .contains("<b>Fresh</b> outage");
            assertThat(chromium.eval("document.querySelectorAll('#feed b').length")).isEqualTo("0");

            Path shot = Path.of("target/feed-page.png");
            chromium.screenshot(shot);
            assertThat(Files.size(shot)).isGreaterThan(1000);
        }
    }
}
