/**
 * Pure normalisation of source payloads into canonical events: JSON tree in, {@code AlertEvent}s
 * (or an {@code IngestException} naming the bad field) out. No HTTP, no Kafka: an ArchUnit test
 * keeps this package free of Javalin and Kafka so every rule can be tested in isolation.
 */
package dev.incidentintel.ingest.normalize;
