package dev.incidentintel.metricsapi.clickhouse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:clickhouse://host:port/database?params} URL (the legacy {@code
 * ru.yandex.clickhouse} driver's form). The migrator needs the same server with another database
 * ({@code default}, to create the target one), so the URL is taken apart here instead of being
 * edited as text elsewhere.
 *
 * @param host server host
 * @param port HTTP port
 * @param database database in the path, or {@code ""} when the URL names none
 * @param query the raw query string without {@code ?}, or {@code ""}
 */
public record ClickHouseUrl(String host, int port, String database, String query) {
    private static final String PREFIX = "jdbc:clickhouse://";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public ClickHouseUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("clickhouseUrl: host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("clickhouseUrl: port must be 1..65535, got " + port);
        }
        database = Objects.requireNonNullElse(database, "");
        if (!database.isEmpty()) {
            requireIdentifier(database, "clickhouseUrl database");
        }
        query = Objects.requireNonNullElse(query, "");
    }

    /** Parses a {@code jdbc:clickhouse://} URL; the port defaults to 8123. */
    public static ClickHouseUrl parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "clickhouseUrl must start with " + PREFIX + ", got '" + jdbcUrl + "'");
        }
        URI uri;
        try {
            uri = new URI("http://" + jdbcUrl.substring(PREFIX.length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "clickhouseUrl is not a valid URL: " + e.getMessage(), e);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        return new ClickHouseUrl(
                uri.getHost(),
                uri.getPort() < 0 ? 8123 : uri.getPort(),
                database,
                uri.getRawQuery());
    }

    /** The same server and parameters, pointing at {@code otherDatabase}. */
    public ClickHouseUrl withDatabase(String otherDatabase) {
        return new ClickHouseUrl(host, port, requireIdentifier(otherDatabase, "database"), query);
    }

    /**
     * The same URL with {@code parameters} ({@code name=value&...}, e.g. query settings such as
     * {@code max_threads=1}) after its own; itself when {@code parameters} is empty.
     */
    public ClickHouseUrl withParameters(String parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return this;
        }
        return new ClickHouseUrl(
                host, port, database, query.isEmpty() ? parameters : query + "&" + parameters);
    }

    /** The JDBC URL text. */
    public String jdbcUrl() {
        return PREFIX + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /**
     * Checks that {@code name} is a plain ClickHouse identifier. Database names end up in DDL,
     * where JDBC cannot bind them, so only this whitelist pattern is ever accepted.
     *
     * @return {@code name}
     */
    public static String requireIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    what + " must match " + IDENTIFIER.pattern() + ", got '" + name + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return jdbcUrl();
    }
}
