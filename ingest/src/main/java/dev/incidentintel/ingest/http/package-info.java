/** HTTP adapter of ingest (Javalin): routes, body limits and the one error-to-JSON mapping. */
package dev.incidentintel.ingest.http;
