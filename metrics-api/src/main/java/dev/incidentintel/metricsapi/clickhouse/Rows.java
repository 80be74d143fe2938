package dev.incidentintel.metricsapi.clickhouse;

import java.lang.reflect.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading ClickHouse column types the legacy driver returns in several shapes. */
final class Rows {
    private Rows() {}

    /** A non-null UInt64 epoch-millisecond column. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    /** A Nullable(UInt64) epoch-millisecond column; {@code null} when the moment is not reached. */
    static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    /** A Nullable(Float64) column. */
    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** An Array(String) column. */
    static List<String> strings(ResultSet rs, String column) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : elements(rs, column)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** An Array(Float64) column (the driver returns {@code double[]} or boxed values). */
    static List<Double> doubles(ResultSet rs, String column) throws SQLException {
        List<Double> out = new ArrayList<>();
        for (Object o : elements(rs, column)) {
            out.add(((Number) o).doubleValue());
        }
        return out;
    }

    private static List<Object> elements(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        List<Object> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        Object values = array.getArray();
        for (int i = 0; i < Array.getLength(values); i++) {
            out.add(Array.get(values, i));
        }
        return out;
    }
}
