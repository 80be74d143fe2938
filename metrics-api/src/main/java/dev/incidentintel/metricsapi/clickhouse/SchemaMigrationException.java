package dev.incidentintel.metricsapi.clickhouse;

/**
 * The schema could not be brought up to date: a statement failed, or an already applied migration
 * was edited afterwards (its checksum changed). The API refuses to start on this error, because
 * serving queries against a schema that differs from the one the code expects gives wrong figures.
 */
public final class SchemaMigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemaMigrationException(String message) {
        super(message);
    }

    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
