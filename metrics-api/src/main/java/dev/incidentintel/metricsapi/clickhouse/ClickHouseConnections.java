package dev.incidentintel.metricsapi.clickhouse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * Opens JDBC connections to one ClickHouse database. The legacy {@code ru.yandex.clickhouse} driver
 * is instantiated directly, never through {@code DriverManager}: its jar also registers a newer
 * driver class that cannot talk to ClickHouse 18.16 (STACK.md).
 *
 * <p>The driver speaks HTTP and its connection object holds no session, only an HTTP client with a
 * connection pool: {@link #open()} hands out one shared driver connection (created on first use,
 * recreated after a failure to connect) behind a view whose {@code close()} does nothing, so
 * callers still open one per unit of work and close it. Before, every request built a new driver
 * connection: a new HTTP client and TCP connection plus the driver's {@code SELECT timezone(),
 * version()} round trip, 2-3 ms per request (docs/BENCHMARKS.md, issue 6).
 */
public final class ClickHouseConnections {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseConnections.class);
    private static final ClickHouseDriver DRIVER = new ClickHouseDriver();

    private final ClickHouseUrl url;
    private final Duration connectTimeout;
    private final Duration queryTimeout;
    private final Properties properties;
    private volatile Connection shared;

    /**
     * @param url server and database to connect to
     * @param connectTimeout how long to wait for the TCP connect, so a dead server fails fast
     * @param queryTimeout how long a query may take before the socket gives up
     */
    public ClickHouseConnections(
            ClickHouseUrl url, Duration connectTimeout, Duration queryTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "connectTimeout must be positive, got " + connectTimeout);
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "queryTimeout must be positive, got " + queryTimeout);
        }
        this.properties = new Properties();
        properties.setProperty("connection_timeout", Long.toString(connectTimeout.toMillis()));
        properties.setProperty("socket_timeout", Long.toString(queryTimeout.toMillis()));
        // Otherwise the driver asks the server for its time zone (SELECT timezone()) on every
        // connect,
        // one more round trip per request. Nothing here parses DateTime values on the client (times
        // travel as epoch milliseconds, calendar buckets as server-side text), and all times are
        // UTC.
        properties.setProperty("use_server_time_zone", "false");
        properties.setProperty("use_time_zone", "UTC");
        // KPI reads go over the same recent granules again and again: keep their decompressed
        // blocks.
        // 18.16 asks for the cache by default, newer servers do not; either way the server must
        // configure uncompressed_cache_size (README, "ClickHouse server settings for the API").
        properties.setProperty("use_uncompressed_cache", "1");
    }

    /** Connections with a 5 s connect timeout and a 60 s query timeout. */
    public static ClickHouseConnections of(ClickHouseUrl url) {
        return new ClickHouseConnections(url, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public ClickHouseUrl url() {
        return url;
    }

    /** The same settings against another database of the same server. */
    public ClickHouseConnections forDatabase(String database) {
        return new ClickHouseConnections(url.withDatabase(database), connectTimeout, queryTimeout);
    }

    /**
     * A connection for one unit of work; the caller closes it (which leaves the shared driver
     * connection open). Safe to use from several threads at once: statements share only the
     * driver's pooled HTTP client.
     */
    public Connection open() throws SQLException {
        Connection connection = shared;
        if (connection == null || connection.isClosed()) {
            synchronized (this) {
                connection = shared;
                if (connection == null || connection.isClosed()) {
                    connection = DRIVER.connect(url.jdbcUrl(), properties);
                    if (connection == null) {
                        throw new SQLException("the ClickHouse driver rejected the URL " + url);
                    }
                    shared = connection;
                }
            }
        }
        return unclosable(connection);
    }

    private static Connection unclosable(Connection connection) {
        return (Connection)
                Proxy.newProxyInstance(
                        Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "close":
                                    return null;
                                case "isClosed":
                                    return false;
                                default:
                                    try {
                                        return method.invoke(connection, args);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                            }
                        });
    }

    /** True when the server answers {@code SELECT 1} with 1. */
    public boolean ping() {
        try (Connection c = open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("ClickHouse at {} did not answer SELECT 1: {}", url, e.toString());
            return false;
        }
    }
}
