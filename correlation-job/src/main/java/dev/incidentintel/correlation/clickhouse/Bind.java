package dev.incidentintel.correlation.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;

/** Small binding helpers for the ClickHouse 18.16 / ru.yandex driver combination. */
final class Bind {
    private Bind() {}

    static void millis(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setLong(index, instant.toEpochMilli());
    }

    static void nullableMillis(PreparedStatement ps, int index, Instant instant)
            throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, instant.toEpochMilli());
        }
    }

    static void strings(PreparedStatement ps, int index, Collection<String> values)
            throws SQLException {
        ps.setArray(
                index, ps.getConnection().createArrayOf("String", values.toArray(new String[0])));
    }

    static void doubles(PreparedStatement ps, int index, Collection<Double> values)
            throws SQLException {
        ps.setArray(
                index, ps.getConnection().createArrayOf("Float64", values.toArray(new Double[0])));
    }
}
