package dev.incidentintel.metricsapi.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClickHouseUrlTest {

    @Test
    void parsesHostPortDatabaseAndParameters() {
        ClickHouseUrl url =
                ClickHouseUrl.parse(
                        "jdbc:clickhouse://10.0.0.5:18123/incident_intel?compress=false");

        assertThat(url.host()).isEqualTo("10.0.0.5");
        assertThat(url.port()).isEqualTo(18123);
        assertThat(url.database()).isEqualTo("incident_intel");
        assertThat(url.query()).isEqualTo("compress=false");
    }

    @Test
    void portDefaultsTo8123AndDatabaseMayBeAbsent() {
        ClickHouseUrl url = ClickHouseUrl.parse("jdbc:clickhouse://localhost");

        assertThat(url.port()).isEqualTo(8123);
        assertThat(url.database()).isEmpty();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:clickhouse://localhost:8123/");
    }

    @Test
    void switchingDatabaseKeepsServerAndParameters() {
        ClickHouseUrl url =
                ClickHouseUrl.parse("jdbc:clickhouse://127.0.0.1:8123/app?compress=false");

        assertThat(url.withDatabase("default").jdbcUrl())
                .isEqualTo("jdbc:clickhouse://127.0.0.1:8123/default?compress=false");
    }

    @Test
    void parametersGoAfterTheUrlsOwn() {
        assertThat(
                        ClickHouseUrl.parse("jdbc:clickhouse://127.0.0.1:8123/app?compress=false")
                                .withParameters("max_threads=1")
                                .jdbcUrl())
                .isEqualTo("jdbc:clickhouse://127.0.0.1:8123/app?compress=false&max_threads=1");
        assertThat(
                        ClickHouseUrl.parse("jdbc:clickhouse://127.0.0.1:8123/app")
                                .withParameters("max_threads=1")
                                .jdbcUrl())
                .isEqualTo("jdbc:clickhouse://127.0.0.1:8123/app?max_threads=1");
        assertThat(
                        ClickHouseUrl.parse("jdbc:clickhouse://127.0.0.1:8123/app")
                                .withParameters("")
                                .jdbcUrl())
                .isEqualTo("jdbc:clickhouse://127.0.0.1:8123/app");
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        ClickHouseUrl url = ClickHouseUrl.parse("jdbc:clickhouse://127.0.0.1:8123/app");

        for (String bad : new String[] {"x; DROP DATABASE app", "1abc", "a-b", "", "a`b"}) {
            assertThatThrownBy(() -> url.withDatabase(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ClickHouseUrl.parse("jdbc:clickhouse://h:1/a%20b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> ClickHouseUrl.parse("jdbc:mysql://h/db"))
                .hasMessageContaining("jdbc:clickhouse://");
        assertThatThrownBy(() -> ClickHouseUrl.parse(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
