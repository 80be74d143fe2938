/** Kafka adapter of ingest: the producer-backed {@code EventPublisher}. */
package dev.incidentintel.ingest.kafka;
