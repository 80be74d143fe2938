package dev.incidentintel.correlation.clickhouse;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How elements of type {@code T} become rows of one ClickHouse table: the insert statement, and a
 * binder that adds zero or more rows (one {@code addBatch()} each) for an element.
 */
public interface TableRows<T> extends Serializable {

    /** The parameterised {@code INSERT INTO table (columns) VALUES (?, ...)}. */
    String insertSql();

    /** Binds the rows of {@code element} to {@code statement}; returns how many were added. */
    int addRows(T element, PreparedStatement statement) throws SQLException;
}
