package dev.incidentintel.localstack.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The single-file configuration of a private clickhouse-server 18.16: server settings, the users
 * section and the profile in one XML file under {@code dataDir}, so a server needs nothing from
 * /etc/clickhouse-server and never touches /var/lib/clickhouse.
 *
 * <p>The server listens on 127.0.0.1 only, the {@code default} user has an empty password and is
 * restricted to 127.0.0.1, times are UTC. {@code <logger>} is mandatory on 18.16 (without it the
 * server exits with code 78); it logs to the console, which {@code LocalClickHouse} redirects to a
 * file. No {@code interserver_http_port} is configured, so the server opens no replication port.
 * {@code keep_alive_timeout} is 3 s (the packaged default; the built-in one is 10 s): on SIGTERM
 * the server waits for idle keep-alive connections (shutdown_wait_unfinished does not cut that
 * short), so this bounds the shutdown time when a client left a connection open; the JDBC driver
 * re-validates pooled connections after 3 s idle anyway. A 1 GiB cache of decompressed blocks is
 * configured for the API's repeated KPI reads (it asks for it per query; 18.16 has none by
 * default).
 *
 * @param dataDir the directory owning the config file, the data and the log
 * @param httpPort HTTP interface port (JDBC and {@code /ping})
 * @param tcpPort native protocol port (clickhouse-client)
 */
public record ClickHouseServerConfig(Path dataDir, int httpPort, int tcpPort) {

    /** File name of the config inside {@code dataDir}. */
    public static final String CONFIG_FILE_NAME = "clickhouse-config.xml";

    public ClickHouseServerConfig {
        Objects.requireNonNull(dataDir, "dataDir must not be null");
        dataDir = dataDir.toAbsolutePath().normalize();
        checkPort("httpPort", httpPort);
        checkPort("tcpPort", tcpPort);
        if (httpPort == tcpPort) {
            throw new IllegalArgumentException(
                    "httpPort and tcpPort must differ but both were " + httpPort);
        }
    }

    /** {@code dataDir/clickhouse-config.xml}. */
    public Path configFile() {
        return dataDir.resolve(CONFIG_FILE_NAME);
    }

    /** Where the server keeps databases and metadata: {@code dataDir/data/}. */
    public Path dataPath() {
        return dataDir.resolve("data");
    }

    /** Scratch space for large sorts and joins: {@code dataDir/data/tmp/}. */
    public Path tmpPath() {
        return dataPath().resolve("tmp");
    }

    /**
     * The config document. Paths end with '/' because the server concatenates them with file names.
     */
    public String toXml() {
        String data = dirWithSlash(dataPath());
        return
"""
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by incident-intel local-stack; regenerated on every start. -->
<yandex>
  <logger>
    <level>warning</level>
    <console>1</console>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>%d</http_port>
  <tcp_port>%d</tcp_port>
  <path>%s</path>
  <tmp_path>%s</tmp_path>
  <user_files_path>%s</user_files_path>
  <format_schema_path>%s</format_schema_path>
  <users_config>%s</users_config>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>1073741824</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <keep_alive_timeout>3</keep_alive_timeout>
  <timezone>UTC</timezone>
  <profiles>
    <default>
      <allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>
      <max_memory_usage>4000000000</max_memory_usage>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks>
        <ip>127.0.0.1</ip>
      </networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default></default>
  </quotas>
</yandex>
"""
                .formatted(
                        httpPort,
                        tcpPort,
                        escape(data),
                        escape(dirWithSlash(tmpPath())),
                        escape(dirWithSlash(dataPath().resolve("user_files"))),
                        escape(dirWithSlash(dataPath().resolve("format_schemas"))),
                        escape(configFile().toString()));
    }

    /** Creates the directories and (over)writes {@link #configFile()}; returns its path. */
    public Path write() {
        try {
            Files.createDirectories(tmpPath());
            Files.writeString(configFile(), toXml(), StandardCharsets.UTF_8);
            return configFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ClickHouse config " + configFile(), e);
        }
    }

    private static String dirWithSlash(Path dir) {
        String s = dir.toString();
        return s.endsWith("/") ? s : s + "/";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void checkPort(String field, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + " must be in 1..65535 but was " + port);
        }
    }
}
