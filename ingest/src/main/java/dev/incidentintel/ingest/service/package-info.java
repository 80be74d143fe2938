/**
 * Ingest use cases and the publishing port they depend on; no Javalin and no Kafka types, so the
 * HTTP adapter and the Kafka adapter can each be replaced or tested on their own.
 */
package dev.incidentintel.ingest.service;
