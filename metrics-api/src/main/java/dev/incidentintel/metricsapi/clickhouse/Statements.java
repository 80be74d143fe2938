package dev.incidentintel.metricsapi.clickhouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares a {@link SqlFile.Bound} statement and reads generic rows. Every value is bound through
 * JDBC: strings with {@code setString}, lists as ClickHouse arrays, so request text never becomes
 * SQL text.
 */
final class Statements {
    private Statements() {}

    static PreparedStatement prepare(Connection c, SqlFile.Bound bound) throws SQLException {
        PreparedStatement ps = c.prepareStatement(bound.sql());
        try {
            int i = 1;
            for (Object value : bound.values()) {
                set(c, ps, i++, value);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void set(Connection c, PreparedStatement ps, int index, Object value)
            throws SQLException {
        if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Integer n) {
            ps.setInt(index, n);
        } else if (value instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else if (value instanceof List<?> list
                && !list.isEmpty()
                && list.get(0) instanceof String) {
            ps.setArray(index, c.createArrayOf("String", list.toArray(new String[0])));
        } else if (value instanceof List<?> list) {
            // Numeric arrays (UInt64 targets): the legacy driver renders Long[] as [1,2,...].
            Long[] longs = list.stream().map(o -> ((Number) o).longValue()).toArray(Long[]::new);
            ps.setArray(index, c.createArrayOf("UInt64", longs));
        } else {
            throw new IllegalArgumentException(
                    "unsupported parameter type " + (value == null ? "null" : value.getClass()));
        }
    }

    /** All rows as column name to value, in column order; non-finite floats become null. */
    static List<Map<String, Object>> rows(PreparedStatement ps) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(meta.getColumnLabel(i), value(rs, i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Object value(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        if (o == null) {
            return null;
        }
        if (o instanceof java.sql.Array array) {
            Object values = array.getArray();
            List<Object> list = new ArrayList<>();
            for (int k = 0; k < java.lang.reflect.Array.getLength(values); k++) {
                list.add(plain(java.lang.reflect.Array.get(values, k)));
            }
            return list;
        }
        return plain(o);
    }

    private static Object plain(Object o) {
        if (o instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : d;
        }
        if (o instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? null : f.doubleValue();
        }
        if (o instanceof BigInteger b) {
            return b.longValue();
        }
        if (o instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (o instanceof Short || o instanceof Byte) {
            return ((Number) o).intValue();
        }
        return o instanceof Number || o instanceof Boolean ? o : String.valueOf(o);
    }
}
