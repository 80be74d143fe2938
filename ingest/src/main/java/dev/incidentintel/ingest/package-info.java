/**
 * The ingest stage of incident-intel: receives webhooks over HTTP, validates and normalises them
 * into canonical events and publishes them to Kafka, answering 2xx only after the broker
 * acknowledged. It never decides anything about incidents.
 *
 * <p>Layout: {@code normalize} (pure payload rules), {@code service} (use cases and the publishing
 * port), {@code kafka} (producer adapter), {@code http} (Javalin adapter). {@link
 * dev.incidentintel.ingest.IngestException} is the single error type of the boundary.
 */
package dev.incidentintel.ingest;
