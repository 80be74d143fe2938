/**
 * Canonical records that travel through Kafka between the stages of incident-intel.
 *
 * <p>Every record carries a {@code schemaVersion}, a {@code source} and an {@code eventTime}; the
 * JSON form is produced and read by {@link dev.incidentintel.events.json.EventJson}. This module
 * performs no I/O.
 */
package dev.incidentintel.events;
