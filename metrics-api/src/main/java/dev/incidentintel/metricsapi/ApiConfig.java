package dev.incidentintel.metricsapi;

import dev.incidentintel.metricsapi.clickhouse.ClickHouseUrl;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the API listens and which ClickHouse database it reads.
 *
 * @param host interface to bind, {@value #DEFAULT_HOST} by default
 * @param port TCP port, 0..65535 (0 picks a free one, for tests), {@value #DEFAULT_PORT} by default
 * @param clickhouseUrl {@code jdbc:clickhouse://host:port/database?compress=false}
 * @param database the database the URL names; kept separately so the migrator can create it and so
 *     a mismatch is caught at startup rather than on the first query
 */
public record ApiConfig(String host, int port, String clickhouseUrl, String database) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8090;
    public static final String DEFAULT_DATABASE = "incident_intel";
    public static final String DEFAULT_CLICKHOUSE_URL =
            "jdbc:clickhouse://127.0.0.1:8123/" + DEFAULT_DATABASE + "?compress=false";

    public ApiConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        ClickHouseUrl url;
        try {
            url = ClickHouseUrl.parse(clickhouseUrl);
            ClickHouseUrl.requireIdentifier(database, "database");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid ApiConfig: " + e.getMessage(), e);
        }
        if (!url.database().equals(database)) {
            throw new IllegalArgumentException(
                    "clickhouseUrl names database '"
                            + url.database()
                            + "' but database is '"
                            + database
                            + "'");
        }
    }

    /**
     * Defaults: {@code 0.0.0.0:8090}, ClickHouse on {@code 127.0.0.1:8123}, {@code incident_intel}.
     */
    public static ApiConfig defaults() {
        return new ApiConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_CLICKHOUSE_URL, DEFAULT_DATABASE);
    }

    /** A config for this ClickHouse URL, its database taken from the URL path. */
    public static ApiConfig forClickHouse(String host, int port, String clickhouseUrl) {
        return new ApiConfig(
                host, port, clickhouseUrl, ClickHouseUrl.parse(clickhouseUrl).database());
    }

    /**
     * Reads {@code api.host}, {@code api.port} and {@code clickhouse.url}, each defaulting as in
     * {@link #defaults()}; the database comes from the URL.
     */
    public static ApiConfig fromProperties(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        String portText =
                properties.getProperty("api.port", Integer.toString(DEFAULT_PORT)).strip();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "api.port must be an integer, got '" + portText + "'", e);
        }
        return forClickHouse(
                properties.getProperty("api.host", DEFAULT_HOST).strip(),
                port,
                properties.getProperty("clickhouse.url", DEFAULT_CLICKHOUSE_URL).strip());
    }

    /** The parsed ClickHouse URL. */
    public ClickHouseUrl clickHouse() {
        return ClickHouseUrl.parse(clickhouseUrl);
    }
}
