package dev.incidentintel.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.yandex.clickhouse.ClickHouseDriver;

class LocalClickHouseIT {

    @TempDir Path dataDir;

    @Test
    void storesAndReadsRowsThroughJdbcAndKeepsThemAcrossRestart() throws Exception {
        Instant base = Instant.parse("2024-03-01T10:15:30Z");
        try (LocalClickHouse clickHouse = LocalClickHouse.start(dataDir)) {
            assertThat(clickHouse.query("SELECT version()").trim()).startsWith("18.16");
            clickHouse.createDatabase("it_db");
            clickHouse.createDatabase("it_db"); // IF NOT EXISTS: a second call is fine
            assertThat(clickHouse.jdbcUrl("it_db"))
                    .isEqualTo(
                            "jdbc:clickhouse://127.0.0.1:"
                                    + clickHouse.httpPort()
                                    + "/it_db?compress=false");

            try (Connection connection = connect(clickHouse, "it_db")) {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute(
                            "CREATE TABLE alerts (id UInt32, name String, at DateTime, service"
                                    + " LowCardinality(String)) ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY"
                                    + " (service, id)");
                }
                try (PreparedStatement insert =
                        connection.prepareStatement(
                                "INSERT INTO alerts (id, name, at, service) VALUES (?, ?, ?, ?)")) {
                    for (int i = 1; i <= 5; i++) {
                        insert.setInt(1, i);
                        insert.setString(2, "alert-" + i);
                        insert.setTimestamp(3, Timestamp.from(base.plusSeconds(60L * i)));
                        insert.setString(4, i % 2 == 0 ? "api" : "db");
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                assertThat(readAlerts(connection))
                        .containsExactly(
                                "1 alert-1 2024-03-01T10:16:30Z",
                                "2 alert-2 2024-03-01T10:17:30Z",
                                "3 alert-3 2024-03-01T10:18:30Z",
                                "4 alert-4 2024-03-01T10:19:30Z",
                                "5 alert-5 2024-03-01T10:20:30Z");
            }
            // The HTTP path sees the same rows as TSV; server timezone is UTC.
            assertThat(
                            clickHouse.query(
                                    "it_db",
                                    "SELECT service, count() FROM alerts GROUP BY service ORDER BY service"))
                    .isEqualTo("api\t2\ndb\t3\n");
            // 2024-03-01T10:15:30Z is 19783 days and 36930 s after the epoch: 19783 * 86400 +
            // 36930.
            assertThat(
                            clickHouse.query(
                                    "SELECT toUnixTimestamp(toDateTime('2024-03-01 10:15:30'))"))
                    .isEqualTo((19783L * 86400 + 36930) + "\n");
        }

        try (LocalClickHouse again = LocalClickHouse.start(dataDir);
                Connection connection = connect(again, "it_db")) {
            assertThat(readAlerts(connection))
                    .hasSize(5)
                    .first()
                    .isEqualTo("1 alert-1 2024-03-01T10:16:30Z");
        }
    }

    @Test
    void queryReportsTheServerErrorText() {
        try (LocalClickHouse clickHouse = LocalClickHouse.start(dataDir)) {
            assertThatThrownBy(() -> clickHouse.query("SELECT * FROM no_such_table_xyz"))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("no_such_table_xyz");
            assertThatThrownBy(() -> clickHouse.createDatabase("bad-name; DROP DATABASE default"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name must match");
            assertThatThrownBy(() -> clickHouse.createDatabase("1abc"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closeStopsTheProcessFreesThePortsAndRemovesThePidFile() throws Exception {
        LocalClickHouse clickHouse = LocalClickHouse.start(dataDir);
        long pid = clickHouse.pid();
        int httpPort = clickHouse.httpPort();
        int tcpPort = clickHouse.tcpPort();
        Path pidFile = dataDir.resolve("clickhouse.pid");
        assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(pid));
        assertThat(FreePorts.isFree(httpPort)).isFalse();

        clickHouse.close();
        clickHouse.close();

        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertThat(handle.map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(FreePorts.isFree(httpPort)).isTrue();
        assertThat(FreePorts.isFree(tcpPort)).isTrue();
        assertThat(pidFile).doesNotExist();
        assertThatThrownBy(() -> clickHouse.query("SELECT 1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void killsAStaleServerLeftByACrashedRun() throws Exception {
        // Simulate a crashed JVM: a server on this directory that nobody will close, with its pid
        // file.
        Path configFile =
                new dev.incidentintel.localstack.clickhouse.ClickHouseServerConfig(
                                dataDir, FreePorts.pickOne(), FreePorts.pickOne())
                        .write();
        Process orphan =
                new ProcessBuilder(
                                dev.incidentintel.localstack.clickhouse.ClickHouseInstaller
                                        .ensureInstalled(System.err)
                                        .toString(),
                                "--config-file=" + configFile)
                        .redirectErrorStream(true)
                        .redirectOutput(dataDir.resolve("orphan.log").toFile())
                        .start();
        try {
            Files.writeString(
                    dataDir.resolve("clickhouse.pid"), orphan.pid() + "\n", StandardCharsets.UTF_8);
            awaitStatusFile(dataDir);

            try (LocalClickHouse clickHouse = LocalClickHouse.start(dataDir)) {
                assertThat(orphan.waitFor(15, TimeUnit.SECONDS)).isTrue();
                assertThat(clickHouse.pid()).isNotEqualTo(orphan.pid());
                assertThat(clickHouse.query("SELECT 1")).isEqualTo("1\n");
                assertThat(Files.readString(dataDir.resolve("clickhouse.pid")).trim())
                        .isEqualTo(Long.toString(clickHouse.pid()));
            }
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void failsWithTheServerLogWhenAnExplicitPortIsTaken() throws Exception {
        int[] ports = FreePorts.pick(2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[0]));
            assertThatThrownBy(
                            () ->
                                    LocalClickHouse.start(
                                            new LocalClickHouse.Options(
                                                    dataDir, ports[0], ports[1])))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining("Address already in use");
        }
        assertThat(dataDir.resolve("clickhouse.pid")).doesNotExist();
    }

    @Test
    void startsOnExplicitPorts() throws Exception {
        int[] ports = FreePorts.pick(2);
        try (LocalClickHouse clickHouse =
                LocalClickHouse.start(new LocalClickHouse.Options(dataDir, ports[0], ports[1]))) {
            assertThat(clickHouse.httpPort()).isEqualTo(ports[0]);
            assertThat(clickHouse.tcpPort()).isEqualTo(ports[1]);
            assertThat(FreePorts.isFree(ports[1])).isFalse(); // native port really listens
            assertThat(clickHouse.query("SELECT 41 + 1")).isEqualTo("42\n");
        }
    }

    private static Connection connect(LocalClickHouse clickHouse, String database)
            throws Exception {
        // Not DriverManager: the jar also registers a newer driver that fails against 18.16.
        return new ClickHouseDriver().connect(clickHouse.jdbcUrl(database), new Properties());
    }

    private static List<String> readAlerts(Connection connection) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rs = select.executeQuery("SELECT id, name, at FROM alerts ORDER BY id")) {
            while (rs.next()) {
                rows.add(
                        rs.getInt(1)
                                + " "
                                + rs.getString(2)
                                + " "
                                + rs.getTimestamp(3).toInstant());
            }
        }
        return rows;
    }

    private static void awaitStatusFile(Path dataDir) throws InterruptedException {
        // The server writes data/status once it has locked the directory: then it is really
        // running.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!Files.exists(dataDir.resolve("data").resolve("status"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(dataDir.resolve("data").resolve("status")).exists();
    }
}
